/**
 * The worker's dispatch: a message is parsed before anything runs, the page-only requests
 * (settings, imports, exports) are refused from content scripts, and the rest go to their handler
 * through one table typed by request: a request type without a handler does not compile.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PAGE_ONLY, parseRequest, type Reply, type Request, type RequestType } from '../shared/messages.ts';
import { activityHandlers } from './handlers/activities.ts';
import { type HandlerTable, Refused } from './handlers/common.ts';
import { csvHandlers } from './handlers/csv.ts';
import { dataHandlers } from './handlers/data-admin.ts';
import { exceptionHandlers } from './handlers/exceptions.ts';
import { settingsHandlers } from './handlers/settings.ts';
import { teamHandlers } from './handlers/team.ts';
import { viewHandlers } from './handlers/views.ts';

const HANDLERS: HandlerTable = {
  ...settingsHandlers,
  ...viewHandlers,
  ...activityHandlers,
  ...exceptionHandlers,
  ...csvHandlers,
  ...dataHandlers,
  ...teamHandlers,
};

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
    const handler = HANDLERS[request.type] as (r: Request) => Promise<unknown>;
    return { ok: true, value: (await handler(request)) as never };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message, fields: e.fields };
    console.error('remdesk:', request.type, 'failed', e);
    return { ok: false, error: (e as Error).message };
  }
}
