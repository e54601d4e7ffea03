// The addresses of the files in this folder: the explorer's data, one for both languages.
import { EXPLORER_DEVICE_IDS, EXPLORER_FILE } from '../../lib/explorer-file.ts';
import type { Addresses } from '../../lib/routes.ts';

export const addresses: Addresses = { from: 'report', list: () => [EXPLORER_FILE, EXPLORER_DEVICE_IDS] };
