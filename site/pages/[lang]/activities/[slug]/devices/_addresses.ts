// The addresses of the pages in this folder: each activity's device pages in each language, none
// for an activity the archive knows no device of. Most of a large site.
import { LANGS } from '../../../../../i18n/index.ts';
import { type Addresses, devicePages } from '../../../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'devices',
  list: (r) =>
    r.activities.flatMap((a) =>
      LANGS.flatMap((lang) =>
        Array.from(
          { length: devicePages(r, a) },
          (_, k) => `${lang}/activities/${r.slugs.get(a.id)}/devices/${k + 1}/`,
        ),
      ),
    ),
};
