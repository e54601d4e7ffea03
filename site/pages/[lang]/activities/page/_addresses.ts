// The addresses of the pages in this folder: the activities list's later pages in each language.
import { LANGS } from '../../../../i18n/index.ts';
import { type Addresses, activityPages, laterPages } from '../../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'report',
  list: (r) => LANGS.flatMap((lang) => laterPages(`${lang}/activities/`, activityPages(r))),
};
