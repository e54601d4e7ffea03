/**
 * The rows of an activity's device page as HTML. Device pages are most of the site (400 rows
 * each, over a thousand pages for 100,000 devices); through Astro's per-expression rendering a
 * page took about 5 ms, most of the site's rendering time. Built here as one string, every value
 * escaped by html-escaper, the escaper Astro itself applies to `{…}`, so hostile names still
 * show as text.
 */
import { escape as escapeHtml } from 'html-escaper';
import type { ActivityDeviceState } from '../../core/index.ts';
import type { ListedDevice } from './activity-devices.ts';

export interface DeviceRowText {
  /** The state's words in the page's language. */
  readonly state: Readonly<Record<ActivityDeviceState, string>>;
  /** A date in the page's language. */
  readonly date: (d: string) => string;
}

const SPECIAL = /[&<>'"]/;
/** Most names hold nothing to escape: a test is cheaper than a replace. */
const escaped = (text: string): string => (SPECIAL.test(text) ? escapeHtml(text) : text);

export function deviceRowsHtml(rows: readonly ListedDevice[], text: DeviceRowText): string {
  // The page's own words (states, dates) repeat on every row: each is escaped once.
  const words = new Map<string, string>();
  const word = (w: string): string => {
    let html = words.get(w);
    if (html === undefined) {
      html = escapeHtml(w);
      words.set(w, html);
    }
    return html;
  };
  const rowsHtml: string[] = [];
  for (const { row: d, device } of rows) {
    rowsHtml.push(
      `<tr><td>${escaped(device?.computerDnsName || d.deviceId)}</td><td>${word(d.rbacGroupName)}</td>` +
        `<td>${word(device?.osPlatform ?? '')}</td><td>${word(text.state[d.state])}</td>` +
        `<td>${word(text.date(d.changedOn))}</td></tr>`,
    );
  }
  return rowsHtml.join('');
}
