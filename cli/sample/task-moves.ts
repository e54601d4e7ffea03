import { type State, setTaskStatus } from '../../core/index.ts';
import { ADMIN, HOSTILE } from './catalogue.ts';
import { type Week, withOutcome } from './week.ts';

/** How the IT admins act on Intune tasks each week. */
export interface TaskMoves {
  readonly kind: 'moveTasks';
  /** Chance a pending task from an earlier week is rejected; if not, `activate` is drawn. */
  readonly reject: number;
  readonly activate: number;
  /** Chance a rejection's notes are a hostile string instead of `rejectionNote`. */
  readonly hostileRejection: number;
  readonly rejectionNote: string;
  /** Notes of an active task closed because its activity completed. */
  readonly completionNote: string;
}

export function moveTasks(state: State, week: Week, moves: TaskMoves): State {
  const { rng, now } = week;
  const activities = new Map(state.activities.map((a) => [a.id, a]));
  let next = state;
  for (const task of state.tasks) {
    if (task.status === 'pending' && task.createdOn < now) {
      if (rng.chance(moves.reject)) {
        const notes = rng.chance(moves.hostileRejection) ? rng.pick(HOSTILE) : moves.rejectionNote;
        next = withOutcome(next, setTaskStatus(task, 'rejected', notes, ADMIN, now));
      } else if (rng.chance(moves.activate)) {
        next = withOutcome(next, setTaskStatus(task, 'active', '', ADMIN, now));
      }
    } else if (task.status === 'active' && activities.get(task.activityId)?.status === 'Completed') {
      next = withOutcome(next, setTaskStatus(task, 'completed', moves.completionNote, ADMIN, now));
    }
  }
  return next;
}
