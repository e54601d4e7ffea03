/** Builders for exception rule tests; devices, exposures and activities come from test-fixtures.ts. */
import type { RemediationException } from '../model/exception.ts';
import { type DeviceGroupName, exceptionId } from '../model/ids.ts';
import { calendarDate, instant } from '../model/time.ts';
import { group, REC_ID, USER } from './test-fixtures.ts';

/** A group exception in effect from 2024-06-01 to 2024-09-01 unless overridden. */
export const exc = (id: string, over: Partial<RemediationException> = {}): RemediationException => ({
  id: exceptionId(id),
  recommendationId: REC_ID,
  justification: 'ThirdPartyControl',
  context: '',
  createdOn: instant('2024-06-01T00:00:00Z'),
  createdBy: USER,
  expiresOn: calendarDate('2024-09-01'),
  scope: { kind: 'groups', groups: [group('Servers')] },
  canceled: null,
  canceledGroups: [],
  ...over,
});

export const groupsScope = (first: string, ...rest: string[]) =>
  ({ kind: 'groups', groups: [group(first), ...rest.map(group)] }) as const satisfies {
    kind: 'groups';
    groups: readonly [DeviceGroupName, ...DeviceGroupName[]];
  };

export const GLOBAL = { kind: 'global' } as const;
