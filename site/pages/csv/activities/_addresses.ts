// The addresses of the pages in this folder: each activity's device CSV.
import type { Addresses } from '../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'devices',
  list: (r) => r.activities.map((a) => `csv/activities/${r.slugs.get(a.id)}.csv`),
};
