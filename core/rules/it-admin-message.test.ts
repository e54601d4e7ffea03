import { describe, expect, it } from 'vitest';
import { attention, group, rec, tracked } from '../../test/support/core/builders.ts';
import { calendarDate } from '../model/time.ts';
import { itAdminMessage } from './it-admin-message.ts';

describe('itAdminMessage', () => {
  it('R-REQ-4: a ready-made message links to the remediation page and the recommendation', () => {
    const a = tracked('a', {
      dueOn: calendarDate('2024-06-30'),
      requesterNotes: 'R&D first',
      rbacGroupNames: [group('Servers')],
    });
    const m = itAdminMessage(a, rec());
    expect(m.subject).toBe('Remediation request: Update Google Chrome');
    expect(m.body).toContain('https://security.microsoft.com/remediation/remediation-activities');
    expect(m.body).toContain('security-recommendations?recommendationId=va-_-google-_-chrome');
    expect(m.body).toContain('Due date: 2024-06-30');
    expect(m.body).toContain('Device groups: Servers');
    expect(
      m.mailto.startsWith('mailto:?subject=Remediation%20request%3A%20Update%20Google%20Chrome&body='),
    ).toBe(true);
    expect(m.mailto).not.toMatch(/[ &]R&D|\r|\n/);
    const body = new URLSearchParams(m.mailto.slice('mailto:?'.length)).get('body');
    expect(body).toBe(m.body);
  });
  it('R-ATTN-1: the message for attention required names no due date', () => {
    expect(itAdminMessage(attention('b'), null, 'https://portal.test').body).not.toContain('Due date');
  });
});
