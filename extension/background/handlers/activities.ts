/** Remediation requests (R-REQ-*), completing an activity (R-DONE-2) and its Intune task's status (R-INT-3). */
import {
  calendarDate,
  deviceGroupName,
  email,
  markComplete,
  randomIds,
  recommendationId,
  requestRemediation,
  type State,
  setTaskStatus,
  taskId,
} from '../../../core/index.ts';
import { commit, currentState } from '../data.ts';
import { loadSettings, saveSettings } from '../settings-store.ts';
import { requestOutcome } from '../views.ts';
import { actor, checked, type HandlerTable, now, Refused, refuse } from './common.ts';

export function activityOf(state: State, id: string) {
  const found = state.activities.find((a) => a.id === id);
  if (!found)
    throw new Refused('activityId: no such activity', [{ field: 'activityId', message: 'not found' }]);
  return found;
}

export const activityHandlers: HandlerTable<
  'remediation.request' | 'activity.markComplete' | 'task.setStatus'
> = {
  'remediation.request': async (req) => {
    const [state, who, settings] = [await currentState(), await actor(), await loadSettings()];
    const result = requestRemediation(
      {
        recommendationId: checked('recommendationId', () => recommendationId(req.recommendationId)),
        type: req.remediationType,
        groups:
          req.groups.length === 0
            ? 'all'
            : req.groups.map((g) => checked('groups', () => deviceGroupName(g))),
        priority: req.priority,
        dueOn: req.dueOn === null ? null : checked('dueOn', () => calendarDate(req.dueOn as string)),
        notes: req.notes,
        createIntuneTask: req.intuneTask,
      },
      {
        state,
        now: now(),
        actor: who,
        ids: randomIds(),
        settings: { intuneEnabled: settings.intuneEnabled },
      },
    );
    if (!result.ok) return refuse(result.errors);
    await commit(result.value.changes);
    return requestOutcome(state, result.value);
  },

  'activity.markComplete': async (req) => {
    const who = checked('email', () => email(req.email));
    const settings = await saveSettings({ email: who });
    const state = await currentState();
    const result = markComplete(activityOf(state, req.activityId), email(settings.email ?? who), now());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },

  'task.setStatus': async (req) => {
    const [state, who] = [await currentState(), await actor()];
    const id = checked('taskId', () => taskId(req.taskId));
    const task = state.tasks.find((t) => t.id === id);
    if (!task) return refuse([{ field: 'taskId', message: 'not found' }]);
    const result = setTaskStatus(task, req.to, req.notes, who, now());
    if (!result.ok) return refuse(result.errors);
    await commit(result.value);
    return null;
  },
};
