// The addresses of the pages in this folder: each activity's page in each language.
import { LANGS } from '../../../../i18n/index.ts';
import type { Addresses } from '../../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'report',
  list: (r) => LANGS.flatMap((lang) => r.activities.map((a) => `${lang}/activities/${r.slugs.get(a.id)}/`)),
};
