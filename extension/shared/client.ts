/** Send a request to the service worker; the reply says ok or why not. */
import browser from 'webextension-polyfill';
import type { Reply, RequestOf, RequestType } from './messages.ts';

export async function send<K extends RequestType>(request: RequestOf<K>): Promise<Reply<K>> {
  try {
    return (await browser.runtime.sendMessage(request)) as Reply<K>;
  } catch (e) {
    // The worker is being restarted or the extension was updated under the page.
    return { ok: false, error: (e as Error).message };
  }
}

/** Like send, but throws on refusal: for reads whose failure has no better place to be shown. */
export async function ask<K extends RequestType>(
  request: RequestOf<K>,
): Promise<Extract<Reply<K>, { ok: true }>['value']> {
  const reply = await send(request);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
