import { describe, expect, it } from 'vitest';
import { parseRequest } from './messages.ts';

const request = {
  type: 'remediation.request',
  recommendationId: 'va-_-google-_-chrome',
  remediationType: 'Update',
  groups: ['Servers'],
  priority: 'High',
  dueOn: '2030-01-31',
  notes: '',
  intuneTask: false,
};

const exceptionRequest = {
  type: 'exception.create',
  recommendationId: 'sca-_-scid-1',
  justification: 'RiskAccepted',
  context: 'x',
  expiry: { kind: 'days', days: 30 },
  scope: { kind: 'groups', groups: ['A'] },
};

describe('parseRequest', () => {
  it('accepts a well-formed request and keeps its fields', () => {
    const parsed = parseRequest(request);
    expect(parsed).toEqual({ ok: true, request });
  });

  it('accepts optional fields left out and nested variants', () => {
    expect(parseRequest({ type: 'settings.save', patch: { language: 'zh-CN' } })).toEqual({
      ok: true,
      request: { type: 'settings.save', patch: { language: 'zh-CN' } },
    });
    expect(parseRequest(exceptionRequest)).toEqual({ ok: true, request: exceptionRequest });
  });

  it('refuses unknown types, non-objects and prototype tricks', () => {
    expect(parseRequest({ type: 'store.dropEverything' })).toMatchObject({
      ok: false,
      error: /unknown type/,
    });
    expect(parseRequest({ type: 'toString' })).toMatchObject({ ok: false });
    expect(parseRequest('counts.get')).toMatchObject({ ok: false });
    expect(parseRequest(null)).toMatchObject({ ok: false });
  });

  it('refuses malformed fields and names the path', () => {
    expect(parseRequest({ ...request, priority: 'Urgent' })).toEqual({
      ok: false,
      error: 'message.priority: expected one of High|Medium|Low',
    });
    expect(parseRequest({ ...request, groups: 'Servers' })).toMatchObject({
      ok: false,
      error: /message\.groups/,
    });
    expect(parseRequest({ ...request, groups: [1] })).toMatchObject({
      ok: false,
      error: /message\.groups\[0\]/,
    });
    expect(parseRequest({ ...request, intuneTask: 'yes' })).toMatchObject({ ok: false, error: /intuneTask/ });
    const { dueOn: _, ...withoutDue } = request;
    expect(parseRequest(withoutDue)).toMatchObject({ ok: false, error: /message\.dueOn/ });
  });

  it('refuses fields it does not know, so nothing unexpected reaches a handler', () => {
    expect(parseRequest({ type: 'counts.get', extra: 1 })).toMatchObject({
      ok: false,
      error: /message\.extra/,
    });
    expect(
      parseRequest({
        type: 'exception.create',
        recommendationId: 'r',
        justification: 'RiskAccepted',
        context: '',
        expiry: { kind: 'never' },
        scope: { kind: 'global' },
      }),
    ).toMatchObject({ ok: false, error: /expiry\.kind/ });
  });

  it("checks the value lists against core's, the expiry's day count included (R-EXC-1)", () => {
    const exc = { ...exceptionRequest, expiry: { kind: 'days', days: 45 } };
    expect(parseRequest(exc)).toEqual({ ok: false, error: 'message.expiry.days: expected one of 30|60|90' });
    expect(parseRequest({ ...exc, justification: 'Because' })).toEqual({
      ok: false,
      error:
        'message.justification: expected one of ThirdPartyControl|AlternateMitigation|RiskAccepted|PlannedRemediation',
    });
    expect(parseRequest({ type: 'task.setStatus', taskId: 't', to: 'done', notes: '' })).toEqual({
      ok: false,
      error: 'message.to: expected one of pending|active|completed|rejected',
    });
  });

  it('refuses oversized strings and numbers out of range', () => {
    expect(parseRequest({ ...request, notes: 'x'.repeat(5_001) })).toMatchObject({
      ok: false,
      error: /notes/,
    });
    expect(parseRequest({ type: 'settings.save', patch: { retentionDays: 0 } })).toMatchObject({ ok: false });
    expect(parseRequest({ type: 'settings.save', patch: { retentionDays: Number.NaN } })).toMatchObject({
      ok: false,
    });
  });
});
