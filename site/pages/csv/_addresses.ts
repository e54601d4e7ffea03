// The addresses of the pages in this folder: the activities CSV.
import type { Addresses } from '../../lib/routes.ts';

export const addresses: Addresses = { from: 'report', list: () => ['csv/activities.csv'] };
