import type { Actor } from '../model/audit-event.ts';
import type { IntuneTask, TaskStatus } from '../model/intune-task.ts';
import { fail, ok, type Result } from '../model/result.ts';
import type { ChangeSet } from '../model/state.ts';
import type { Instant } from '../model/time.ts';
import { auditEvent } from './activity-event.ts';
import { NOTES_MAX_LENGTH } from './request-remediation.ts';

/** R-INT-3: the IT administrator accepts (active), rejects or completes; nothing moves backwards. */
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['active', 'rejected', 'completed'],
  active: ['completed', 'rejected'],
  completed: [],
  rejected: [],
};

export const allowedTaskTransitions = (from: TaskStatus): readonly TaskStatus[] => NEXT[from];

/** R-INT-3: change a task's status, recording who and when; a rejection must say why. */
export function setTaskStatus(
  task: IntuneTask,
  to: TaskStatus,
  notes: string,
  actor: Actor,
  now: Instant,
): Result<ChangeSet> {
  if (!NEXT[task.status].includes(to)) {
    return fail({ field: 'status', message: `a ${task.status} task cannot become ${to}` });
  }
  const trimmed = notes.trim();
  if (to === 'rejected' && trimmed === '') {
    return fail({ field: 'notes', message: 'a rejection needs notes' });
  }
  if (trimmed.length > NOTES_MAX_LENGTH) {
    return fail({ field: 'notes', message: `notes are limited to ${NOTES_MAX_LENGTH} characters` });
  }
  const updated: IntuneTask = {
    ...task,
    status: to,
    reviewerNotes: trimmed === '' ? task.reviewerNotes : trimmed,
    statusChangedOn: now,
    statusChangedBy: actor,
  };
  return ok({
    put: { tasks: [updated] },
    events: [
      auditEvent(
        {
          type: 'task.status',
          taskId: task.id,
          activityId: task.activityId,
          from: task.status,
          to,
          notes: trimmed,
        },
        now,
        actor,
      ),
    ],
  });
}
