/**
 * The service worker: the only place that opens core's store. Messages go to `dispatch`; the
 * daily alarm runs retention (R-RET-1) and drops files left in the staging database.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { dropStagedBefore } from '../shared/staging.ts';
import { dispatch } from './dispatch.ts';
import { runRetention } from './handlers/data-admin.ts';

const RETENTION_ALARM = 'remdesk-retention';
const DAY_MINUTES = 24 * 60;

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
