// The addresses of the pages in this folder: the summary in each language, and its digest as
// Markdown, mail HTML and a Teams card, each named with its language.
import { LANGS } from '../../../i18n/index.ts';
import { digestFiles } from '../../../lib/report-digest.ts';
import type { Addresses } from '../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'report',
  list: () =>
    LANGS.flatMap((lang) => {
      const f = digestFiles(lang);
      return [`${lang}/summary/`, ...[f.markdown, f.html, f.card].map((name) => `${lang}/summary/${name}`)];
    }),
};
