// The addresses of the pages in this folder: the explorer in each language.
import { LANGS } from '../../../i18n/index.ts';
import type { Addresses } from '../../../lib/routes.ts';

export const addresses: Addresses = { from: 'report', list: () => LANGS.map((lang) => `${lang}/explorer/`) };
