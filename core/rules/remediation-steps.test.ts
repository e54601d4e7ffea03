import { describe, expect, it } from 'vitest';
import { attention, CONFIG_REC_ID, rec, tracked } from '../../test/support/core/builders.ts';
import { recommendationId } from '../model/ids.ts';
import { describeSteps, remediationSteps } from './remediation-steps.ts';

describe('remediationSteps', () => {
  it('R-STEP-1: an update names the product and recommended version, with a link to the recommendation', () => {
    const s = remediationSteps(tracked('a'), rec());
    expect(s.steps[0]).toEqual({ kind: 'update', product: 'Chrome', toVersion: '127.0' });
    expect(s.recommendationLink).toBe(
      'https://security.microsoft.com/security-recommendations?recommendationId=va-_-google-_-chrome',
    );
    expect(describeSteps(s.steps)[0]).toBe('Update Chrome to version 127.0 or later.');
  });
  it('R-STEP-1: uninstall, configuration change and attention required each get their own step', () => {
    expect(remediationSteps(tracked('a', { type: 'Uninstall' }), rec()).steps[0]).toEqual({
      kind: 'uninstall',
      product: 'Chrome',
    });
    const config = rec({ id: CONFIG_REC_ID, recommendationName: 'Disable SMBv1' });
    const c = remediationSteps(
      tracked('c', { type: 'ConfigurationChange', recommendationId: CONFIG_REC_ID }),
      config,
    );
    expect(c.steps[0]).toEqual({ kind: 'configure', change: 'Disable SMBv1' });
    expect(c.recommendationLink).toContain('recommendationId=sca-_-scid-2000');
    const a = remediationSteps(attention('b'), null);
    expect(a.steps.map((s) => s.kind)).toEqual(['review', 'markComplete']);
    expect(describeSteps(a.steps)).toHaveLength(2);
  });
  it('R-STEP-1: without the recommendation the activity fields suffice; the link id is encoded', () => {
    const s = remediationSteps(
      tracked('a', { recommendedVersion: '9.1', recommendationId: recommendationId('va-_-a&b-_-c d') }),
      null,
    );
    expect(s.steps[0]).toEqual({ kind: 'update', product: 'Chrome', toVersion: '9.1' });
    expect(s.recommendationLink).toContain('recommendationId=va-_-a%26b-_-c%20d');
    expect(remediationSteps(tracked('a', { recommendationId: null }), null).recommendationLink).toBeNull();
  });
});
