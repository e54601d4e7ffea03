/**
 * A small team state for tests of change bundles: two software recommendations, six devices in
 * three groups, every device exposed to Chrome and half to Edge, one Active activity with a pending
 * ticket, and one exception for two groups.
 */
import { applyChanges } from '../../../core/model/apply-changes.ts';
import { canonicalState } from '../../../core/model/canonical-order.ts';
import type { TeamStateRef } from '../../../core/model/change-bundle.ts';
import { recommendationId } from '../../../core/model/ids.ts';
import type { State } from '../../../core/model/state.ts';
import { device, exc, exposure, group, rec, row, stateWith, task, tracked } from './builders.ts';

export const EDGE = recommendationId('va-_-microsoft-_-edge');
export const BASE_REF: TeamStateRef = { archive: 'team-archive-1', snapshot: '2024-06-01T000000Z' };
export const SERVERS = group('Servers');
export const LABS = group('Labs');
export const DESKTOPS = group('Desktops');

const GROUP_OF = ['Servers', 'Servers', 'Labs', 'Labs', 'Desktops', 'Desktops'];

export function teamBase(): State {
  const ticket = task('task-base', 'base-1');
  const state = stateWith({
    recommendations: [
      rec(),
      rec({
        id: EDGE,
        productName: 'edge',
        recommendationName: 'Update Microsoft Edge',
        relatedComponent: 'Edge',
      }),
    ],
    devices: GROUP_OF.map((g, i) => device(i + 1, g)),
    exposures: [...GROUP_OF.map((_, i) => exposure(i + 1)), ...[1, 3, 5].map((n) => exposure(n, EDGE))],
    activities: [
      tracked('base-1', {
        rbacGroupNames: [SERVERS],
        taskId: ticket.id,
        progress: {
          kind: 'devices',
          targetDevices: 2,
          fixedDevices: 0,
          leftScopeDevices: 0,
          vanishedDevices: 0,
        },
      }),
    ],
    activityDevices: [
      row('base-1', 1, 'Servers', { sentToTask: true }),
      row('base-1', 2, 'Servers', { sentToTask: true }),
    ],
    tasks: [ticket],
    exceptions: [
      exc('x-base', { scope: { kind: 'groups', groups: [SERVERS, LABS] }, recommendationId: EDGE }),
    ],
  });
  return canonicalState(applyChanges(state, { events: [] }));
}
