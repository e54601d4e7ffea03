import { LANGS } from '../i18n/index.ts';

/** One page per language. */
export const langPaths = () => LANGS.map((lang) => ({ params: { lang } }));
