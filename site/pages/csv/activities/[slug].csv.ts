// R-CSV-1: one activity's device list as CSV, written by core.
import type { APIRoute } from 'astro';
import { type Activity, activityDevicesToCsv } from '../../../../core/index.ts';
import { devicesInOrder } from '../../../lib/activity-devices.ts';
import { loadReport } from '../../../lib/report.ts';

export async function getStaticPaths() {
  const r = await loadReport();
  return r.activities.map((activity) => ({
    params: { slug: r.slugs.get(activity.id) },
    props: { activity },
  }));
}

export const GET: APIRoute = async ({ props }) => {
  const r = await loadReport();
  const { activity } = props as { activity: Activity };
  const csv = activityDevicesToCsv(activity, devicesInOrder(r, activity.id), r.devices);
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
