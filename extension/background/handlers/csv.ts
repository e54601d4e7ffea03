/** R-CSV-1: the activities, and one activity's devices, as CSV (core's writers) for the overlay to save. */
import { activitiesToCsv, activityDevicesToCsv, activityId } from '../../../core/index.ts';
import { currentState } from '../data.ts';
import { teamSettings } from '../team-state.ts';
import { activityOf } from './activities.ts';
import { checked, type HandlerTable, now } from './common.ts';

export const csvHandlers: HandlerTable<'csv.activities' | 'csv.activityDevices'> = {
  'csv.activities': async ({ activityIds }) => {
    const state = await currentState();
    const wanted = activityIds === null ? null : new Set(activityIds);
    const list = state.activities.filter((a) => wanted === null || wanted.has(a.id));
    const t = now();
    return {
      fileName: `remediation-activities-${t.slice(0, 10)}.csv`,
      // An activity without a due date of its own shows its SLA date, marked so (R-SLA-2).
      csv: activitiesToCsv(list, {
        now: t,
        sla: (await teamSettings()).sla,
        recommendations: new Map(state.recommendations.map((r) => [r.id, r])),
        tasks: new Map(state.tasks.map((x) => [x.id, x])),
      }),
    };
  },

  'csv.activityDevices': async (req) => {
    const state = await currentState();
    const activity = activityOf(
      state,
      checked('activityId', () => activityId(req.activityId)),
    );
    const rows = state.activityDevices.filter((d) => d.activityId === activity.id);
    const wanted = new Set(rows.map((d) => d.deviceId));
    return {
      fileName: `remediation-activity-${activity.id}-devices.csv`,
      csv: activityDevicesToCsv(
        activity,
        rows,
        new Map(state.devices.filter((d) => wanted.has(d.id)).map((d) => [d.id, d])),
      ),
    };
  },
};
