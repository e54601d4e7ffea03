// The addresses of the pages in this folder: the root, which offers both languages, the 404 page
// and the overview's figures as JSON.
import type { Addresses } from '../lib/routes.ts';

export const addresses: Addresses = { from: 'report', list: () => ['', '404', 'index.json'] };
