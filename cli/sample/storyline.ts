import type { State } from '../../core/index.ts';
import { HOSTILE } from './catalogue.ts';
import {
  type CancellationPlan,
  cancelPlannedException,
  createPlannedException,
  type ExceptionPlan,
} from './exceptions.ts';
import { type RequestPlan, submitRequest } from './requests.ts';
import type { Week } from './week.ts';

/** A scripted event and the week (0 for the first snapshot) it happens in. */
export type StoryEvent =
  | { readonly week: number; readonly kind: 'request'; readonly request: RequestPlan }
  | { readonly week: number; readonly kind: 'exception'; readonly exception: ExceptionPlan }
  | { readonly week: number; readonly kind: 'cancellation'; readonly cancellation: CancellationPlan };

/**
 * What the sample must show whatever the draws: the first week opens with requests and exceptions of
 * every kind, and later weeks suspend, cancel one group of, and cancel whole exceptions.
 */
export const STORYLINE: readonly StoryEvent[] = [
  // A broad, urgent browser request sent to Intune: over 10,000 exposed devices (large tenants) it
  // shows R-INT-2's limit; on small ones it is simply the biggest task.
  {
    week: 0,
    kind: 'request',
    request: {
      recommendation: 'va-_-microsoft-_-edge_chromium-based',
      type: 'Update',
      groups: 'all',
      priority: 'High',
      dueInDays: 30,
      createIntuneTask: true,
      notes: 'Monthly browser baseline.',
    },
  },
  {
    week: 0,
    kind: 'request',
    request: {
      recommendation: 'va-_-oracle-_-jre',
      type: 'AttentionRequired',
      groups: 'all',
      priority: 'Medium',
      dueInDays: null,
      createIntuneTask: false,
      notes: HOSTILE[5],
    },
  },
  {
    week: 0,
    kind: 'request',
    request: {
      recommendation: 'sca-_-scid-2011',
      type: 'ConfigurationChange',
      groups: 'all',
      priority: 'Low',
      dueInDays: 7,
      createIntuneTask: false,
      notes: '',
    },
  },
  {
    week: 0,
    kind: 'request',
    request: {
      recommendation: 'va-_-google-_-chrome',
      type: 'Update',
      groups: 'some',
      priority: 'High',
      dueInDays: 7,
      createIntuneTask: true,
      notes: HOSTILE[0],
    },
  },
  // Every justification and both scopes; the group exceptions on Autoplay are suspended by week 1's
  // global one.
  {
    week: 0,
    kind: 'exception',
    exception: {
      recommendation: 'va-_-oracle-_-jre',
      justification: 'ThirdPartyControl',
      scope: { kind: 'groups', groups: ['Finance'] },
      expiry: { days: 90 },
      context: 'Java is blocked by the proxy for Finance.',
    },
  },
  {
    week: 0,
    kind: 'exception',
    exception: {
      recommendation: 'sca-_-scid-90',
      justification: 'AlternateMitigation',
      scope: { kind: 'groups', groups: ['Servers-Prod', 'Servers-Dev'] },
      expiry: { dateInDays: 120 },
      context: 'Autoplay is disabled by GPO on servers; scanner does not see it.',
    },
  },
  // Expires within the archive.
  {
    week: 0,
    kind: 'exception',
    exception: {
      recommendation: 'va-_-videolan-_-vlc_media_player',
      justification: 'RiskAccepted',
      scope: { kind: 'groups', groups: ['Kiosks'] },
      expiry: { dateInDays: 14 },
      context: HOSTILE[1],
    },
  },
  {
    week: 0,
    kind: 'exception',
    exception: {
      recommendation: 'va-_-7-zip-_-7-zip',
      justification: 'PlannedRemediation',
      scope: { kind: 'groups', groups: ['Engineering', 'Sales & "Marketing"'] },
      expiry: { days: 60 },
      context: HOSTILE[6],
    },
  },
  {
    week: 0,
    kind: 'exception',
    exception: {
      recommendation: 'va-_-apple-_-safari',
      justification: 'RiskAccepted',
      scope: { kind: 'global' },
      expiry: { days: 30 },
      context: HOSTILE[7],
    },
  },
  {
    week: 1,
    kind: 'exception',
    exception: {
      recommendation: 'sca-_-scid-90',
      justification: 'PlannedRemediation',
      scope: { kind: 'global' },
      expiry: { days: 30 },
      context: 'Fleet-wide Autoplay GPO rollout planned; <b>until then</b> accepted.',
    },
  },
  {
    week: 3,
    kind: 'cancellation',
    cancellation: { recommendation: 'va-_-7-zip-_-7-zip', scope: { kind: 'group', group: 'Engineering' } },
  },
  {
    week: 5,
    kind: 'cancellation',
    cancellation: { recommendation: 'va-_-7-zip-_-7-zip', scope: { kind: 'whole' } },
  },
];

/** Where the storyline plays within a week: which kinds of its events, among the week's other steps. */
export interface StorylineStep {
  readonly kind: 'storyline';
  readonly events: readonly StoryEvent['kind'][];
}

/** Plays this week's events of the step's kinds, in the storyline's order. */
export function playStoryline(state: State, week: Week, step: StorylineStep): State {
  let next = state;
  for (const event of STORYLINE) {
    if (event.week === week.index && step.events.includes(event.kind)) next = play(next, week, event);
  }
  return next;
}

function play(state: State, week: Week, event: StoryEvent): State {
  switch (event.kind) {
    case 'request':
      return submitRequest(state, week, event.request);
    case 'exception':
      return createPlannedException(state, week, event.exception);
    case 'cancellation':
      return cancelPlannedException(state, week, event.cancellation);
  }
}
