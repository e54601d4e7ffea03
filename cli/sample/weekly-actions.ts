import {
  applyChanges,
  applyRetention,
  EXPIRY_DAY_CHOICES,
  expireExceptions,
  type State,
} from '../../core/index.ts';
import { completeByHand, type ManualCompletion } from './manual-completion.ts';
import { playStoryline, type StorylineStep } from './storyline.ts';
import { moveTasks, type TaskMoves } from './task-moves.ts';
import type { Week } from './week.ts';
import {
  type DrawnCancellation,
  type DrawnException,
  drawCancellation,
  drawException,
} from './weekly-exceptions.ts';
import { type DrawnRequests, drawRequests } from './weekly-requests.ts';

export type WeeklyAction =
  | TaskMoves
  | ManualCompletion
  | StorylineStep
  | DrawnRequests
  | DrawnException
  | DrawnCancellation
  | { readonly kind: 'expireExceptions' }
  | { readonly kind: 'applyRetention' };

/**
 * What the people and the product do each week once the world's new picture is reconciled, in this
 * order (each action draws from the one generator, so the order is part of the sample's bytes).
 */
export const WEEKLY_ACTIONS: readonly WeeklyAction[] = [
  {
    kind: 'moveTasks',
    reject: 0.15,
    activate: 0.8,
    hostileRejection: 0.5,
    rejectionNote: 'Out of scope for this quarter.',
    completionNote: 'Deployment finished.',
  },
  { kind: 'completeByHand', fromWeek: 1, attentionRequired: 0.15, otherwise: 0.04 },
  { kind: 'storyline', events: ['request'] },
  {
    kind: 'drawRequests',
    count: { firstWeek: 3, later: { min: 1, max: 3 } },
    typeWeights: { recommended: 70, uninstall: 8, attentionRequired: 22 },
    dueInDays: [7, 14, 30, 60],
    hostileNotes: 0.25,
    allGroups: 0.3,
    intuneTask: 0.4,
  },
  { kind: 'storyline', events: ['exception', 'cancellation'] },
  {
    kind: 'drawException',
    fromWeek: 1,
    chance: 0.35,
    // The form's own choices, and a chosen date past them.
    expiries: [...EXPIRY_DAY_CHOICES.map((days) => ({ days })), { dateInDays: 200 }],
    hostileContext: 0.3,
    context: 'Reviewed with the service owner.',
  },
  { kind: 'drawCancellation', fromWeek: 7, chance: 0.2 },
  { kind: 'expireExceptions' },
  { kind: 'applyRetention' },
];

export function actWeek(state: State, week: Week): State {
  return WEEKLY_ACTIONS.reduce((s, action) => act(s, week, action), state);
}

export function act(state: State, week: Week, action: WeeklyAction): State {
  switch (action.kind) {
    case 'moveTasks':
      return moveTasks(state, week, action);
    case 'completeByHand':
      return completeByHand(state, week, action);
    case 'storyline':
      return playStoryline(state, week, action);
    case 'drawRequests':
      return drawRequests(state, week, action);
    case 'drawException':
      return drawException(state, week, action);
    case 'drawCancellation':
      return drawCancellation(state, week, action);
    case 'expireExceptions':
      return applyChanges(state, expireExceptions(state, week.now));
    case 'applyRetention':
      return applyChanges(state, applyRetention(state, week.now));
  }
}
