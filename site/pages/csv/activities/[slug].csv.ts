// R-CSV-1: one activity's device list as CSV, written by core.
import type { APIRoute } from 'astro';
import { activityDevicesToCsv } from '../../../../core/index.ts';
import { devicesInOrder } from '../../../lib/activity-devices.ts';
import { deviceReport } from '../../../lib/page-data.ts';
import { activityParam, notFound } from '../../../lib/routes.ts';

export const GET: APIRoute = async ({ params, locals }) => {
  const r = deviceReport(locals);
  const activity = activityParam(r, params.slug);
  if (activity === null) return notFound();
  const rows = devicesInOrder(r, activity.id).map((listed) => listed.row);
  const csv = activityDevicesToCsv(activity, rows, r.devices);
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
