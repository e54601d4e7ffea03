import { en, type MessageKey } from './en.ts';
import { zhCn } from './zh-cn.ts';

export const LANGS = ['en', 'zh-cn'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

const DICTS: Record<Lang, Record<MessageKey, string>> = { en, 'zh-cn': zhCn };
/** The BCP 47 tag for `lang` attributes and Intl. */
export const LOCALE: Record<Lang, string> = { en: 'en', 'zh-cn': 'zh-CN' };

export const isLang = (s: string | undefined): s is Lang => s === 'en' || s === 'zh-cn';

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/**
 * A count's wording in a message, as ICU MessageFormat writes it: `{n, plural, one {# day} other
 * {# days}}`, `#` standing for the number. Forms are chosen by the language's plural rules
 * (`Intl.PluralRules`: English has one and other; Chinese only other, so zh-cn needs none of this);
 * `=N` matches N exactly; `other` is the fallback.
 */
const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=?\w+)\s*\{([^{}]*)\}/g;

function pluralForm(forms: string, n: number, category: Intl.LDMLPluralRule): string {
  const byKey = new Map([...forms.matchAll(FORM)].map((m) => [m[1], m[2] ?? '']));
  return byKey.get(`=${n}`) ?? byKey.get(category) ?? byKey.get('other') ?? '';
}

/** Messages and Intl formatting for one language; numbers in values are formatted for it. */
export const i18n = (lang: Lang): I18n => (made[lang] ??= make(lang));

// Intl formatters are slow to create: one set per language for the whole build, not per page.
const made: Partial<Record<Lang, I18n>> = {};

function make(lang: Lang) {
  const dict = DICTS[lang];
  const locale = LOCALE[lang];
  const numberFmt = new Intl.NumberFormat(locale);
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const timeFmt = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const percentFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dates = new Map<string, string>();
  const num = (n: number): string => numberFmt.format(n);
  const plurals = new Intl.PluralRules(locale);
  const t: Translate = (key, values) =>
    dict[key]
      .replace(PLURAL, (whole, name: string, forms: string) => {
        const v = values?.[name];
        return typeof v === 'number'
          ? pluralForm(forms, v, plurals.select(v)).replaceAll('#', num(v))
          : whole;
      })
      .replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = values?.[name];
        return v === undefined ? `{${name}}` : typeof v === 'number' ? num(v) : v;
      });
  return {
    lang,
    locale,
    t,
    num,
    /** A calendar day (`2024-06-15`) or an instant, as a date in this language. */
    date: (d: string): string => {
      // Device tables repeat a few dates thousands of times: each is formatted once.
      let text = dates.get(d);
      if (text === undefined) {
        text = dateFmt.format(new Date(d.length === 10 ? `${d}T00:00:00Z` : d));
        dates.set(d, text);
      }
      return text;
    },
    dateTime: (d: string): string => `${timeFmt.format(new Date(d))} UTC`,
    percent: (part: number, whole: number): string => percentFmt.format(whole === 0 ? 0 : part / whole),
    /** A share core computed (0.5 → "50%"). */
    share: (n: number): string => percentFmt.format(n),
  };
}

export type I18n = ReturnType<typeof make>;
