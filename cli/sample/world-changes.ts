import type { State } from '../../core/index.ts';
import { type BrowserRelease, releaseBrowsers } from './browser-releases.ts';
import { type Churn, churn } from './churn.ts';
import {
  type GroupMove,
  moveExposedDevice,
  type StillExposedUpgrade,
  upgradeStillExposed,
} from './no-fix.ts';
import { type Patching, patch } from './patching.ts';
import type { Week } from './week.ts';

export type WorldChange = Churn | Patching | BrowserRelease | GroupMove | StillExposedUpgrade;

/** How the tenant changes between two snapshots, in this order. */
export const WORLD_CHANGES: readonly WorldChange[] = [
  { kind: 'churn', retire: 0.004, move: 0.003, join: 0.004 },
  // Targeted devices get fixed much faster than the rest, and Intune-sent ones fastest.
  { kind: 'patching', untargeted: 0.02, targeted: 0.18, sentToIntune: 0.3 },
  {
    kind: 'browserRelease',
    everyWeeks: 4,
    browsers: ['va-_-google-_-chrome', 'va-_-microsoft-_-edge_chromium-based'],
    reach: 0.12,
  },
  // After patching, so the exposure they pick is still there this week: the metrics' cases of no fix.
  { kind: 'groupMove', week: 4, recommendation: 'va-_-google-_-chrome', toGroup: 'Finance' },
  { kind: 'stillExposedUpgrade', week: 6, recommendation: 'va-_-microsoft-_-edge_chromium-based' },
];

/** `state` is last week's: patching follows the activities open then. */
export function changeWorld(week: Week, state: State): void {
  for (const change of WORLD_CHANGES) {
    switch (change.kind) {
      case 'churn':
        churn(week, change);
        break;
      case 'patching':
        patch(week, change, state);
        break;
      case 'browserRelease':
        releaseBrowsers(week, change);
        break;
      case 'groupMove':
        moveExposedDevice(week, change);
        break;
      case 'stillExposedUpgrade':
        upgradeStillExposed(week, change);
        break;
    }
  }
}
