/**
 * The service worker: the only place that opens core's store. Messages are parsed before anything
 * runs; content scripts may not send the page-only requests (settings, imports, exports).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PAGE_ONLY, parseRequest, type Reply, type Request, type RequestType } from '../shared/messages.ts';
import { dropStagedBefore } from '../shared/staging.ts';
import { handlers, Refused, runRetention } from './handlers.ts';

const RETENTION_ALARM = 'remdesk-retention';
const DAY_MINUTES = 24 * 60;

const fromExtensionPage = (sender: Runtime.MessageSender): boolean =>
  sender.tab === undefined || (sender.url ?? '').startsWith(browser.runtime.getURL(''));

export async function dispatch(raw: unknown, sender: Runtime.MessageSender): Promise<Reply<RequestType>> {
  const parsed = parseRequest(raw);
  if (!parsed.ok) {
    console.warn('remdesk: refused a malformed message:', parsed.error);
    return { ok: false, error: `refused: ${parsed.error}` };
  }
  const request: Request = parsed.request;
  if (PAGE_ONLY.has(request.type) && !fromExtensionPage(sender)) {
    console.warn('remdesk: refused a page-only message from a content script:', request.type);
    return { ok: false, error: `refused: ${request.type} is only accepted from the extension's pages` };
  }
  try {
    const handler = handlers[request.type] as (r: Request) => Promise<unknown>;
    return { ok: true, value: (await handler(request)) as never };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message, fields: e.fields };
    console.error('remdesk:', request.type, 'failed', e);
    return { ok: false, error: (e as Error).message };
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => dispatch(raw, sender));

// R-RET-1: daily. Alarms survive the worker being stopped; creating an existing one is harmless.
browser.runtime.onInstalled.addListener(() => {
  void browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
});
browser.runtime.onStartup.addListener(() => {
  void browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== RETENTION_ALARM) return;
  void runRetention().catch((e) => console.error('remdesk: retention failed', e));
  void dropStagedBefore(Date.now() - 86_400_000).catch(() => undefined);
});
