// R-CSV-1: one table of the metrics page as CSV, written by core with core's numbers.
import type { APIRoute } from 'astro';
import { METRICS_CSV_FILES, type MetricsCsvFile, metricsCsv } from '../../../../core/index.ts';
import { fullReport } from '../../../lib/page-data.ts';
import { notFound } from '../../../lib/routes.ts';

const isFile = (name: string | undefined): name is MetricsCsvFile =>
  (METRICS_CSV_FILES as readonly (string | undefined)[]).includes(name);

export const GET: APIRoute = async ({ params, locals }) => {
  const r = fullReport(locals);
  if (r === null || !isFile(params.name)) return notFound();
  return new Response(metricsCsv(r.metrics, params.name), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
