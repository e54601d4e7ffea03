// R-CSV-1: the activities table as CSV, written by core (same columns as the command line's), an
// activity without a due date of its own given its SLA date, marked so (R-SLA-2).
import type { APIRoute } from 'astro';
import { activitiesToCsv } from '../../../core/index.ts';
import { fullReport } from '../../lib/page-data.ts';
import { notFound } from '../../lib/routes.ts';

export const GET: APIRoute = async ({ locals }) => {
  const r = fullReport(locals);
  if (r === null) return notFound();
  const { state, at: now } = r.archive.latest;
  const csv = activitiesToCsv(r.activities, {
    now,
    sla: r.metrics.sla,
    recommendations: r.recommendations,
    tasks: new Map(state.tasks.map((t) => [t.id, t])),
  });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
