/**
 * How the island words things: the strings the page handed it (messages.ts), numbers and dates
 * through Intl in the page's language, dates in UTC as the pages write them (site/i18n/index.ts).
 */
import type { ExplorerKey, ExplorerMessages } from './messages.ts';

export interface Words {
  /** A string, its `{name}` placeholders filled. */
  t(key: ExplorerKey, values?: Readonly<Record<string, number>>): string;
  date(day: string): string;
}

export function words(messages: ExplorerMessages, locale: string): Words {
  const num = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    t: (key, values) =>
      messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = values?.[name];
        return v === undefined ? whole : num.format(v);
      }),
    date: (day) => dates.format(new Date(`${day}T00:00:00Z`)),
  };
}
