// The addresses of the pages in this folder: the metrics' CSV files.
import { METRICS_CSV_FILES } from '../../../../core/index.ts';
import type { Addresses } from '../../../lib/routes.ts';

export const addresses: Addresses = {
  from: 'report',
  list: () => METRICS_CSV_FILES.map((name) => `csv/metrics/${name}.csv`),
};
