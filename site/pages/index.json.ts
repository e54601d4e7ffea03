// The overview figures as JSON, for teams that archive them or feed other tools: core's Figures
// plus the figures the overview adds (completed since the previous snapshot; distinct devices
// fixed, beside figures.activities.devicesFixed, which adds up device fixes across activities),
// and the metrics page's numbers as core computed them (ReportMetrics, docs/metrics.md).
import type { APIRoute } from 'astro';
import { fullReport } from '../lib/page-data.ts';
import { notFound } from '../lib/routes.ts';

export const GET: APIRoute = async ({ locals }) => {
  const r = fullReport(locals);
  if (r === null) return notFound();
  const body = {
    snapshot: r.archive.latest.label,
    previousSnapshot: r.archive.previous?.label ?? null,
    completedSincePrevious: r.completedInPeriod,
    distinctDevicesFixed: r.distinctDevicesFixed,
    figures: r.figures,
    metrics: r.metrics,
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json' },
  });
};
