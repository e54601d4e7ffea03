import { beforeEach, describe, expect, it, vi } from 'vitest';

const handled: string[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      getURL: (p: string) => `chrome-extension://abc/${p}`,
    },
  },
}));
// The handlers of the two request types these tests send only record that they ran: what is under
// test is the dispatch in front of them.
const recorded = async (type: string) => {
  handled.push(type);
  return 'done';
};
vi.mock('./handlers/views.ts', () => ({ viewHandlers: { 'counts.get': () => recorded('counts.get') } }));
vi.mock('./handlers/settings.ts', () => ({
  settingsHandlers: { 'settings.save': () => recorded('settings.save') },
}));

const { dispatch } = await import('./dispatch.ts');
const page = { url: 'chrome-extension://abc/pages/popup.html' };
const contentScript = { url: 'https://security.microsoft.com/tvm_dashboard', tab: { id: 1 } } as never;

describe('dispatch', () => {
  beforeEach(() => {
    handled.length = 0;
  });

  it('runs a valid request', async () => {
    expect(await dispatch({ type: 'counts.get' }, page)).toEqual({ ok: true, value: 'done' });
    expect(handled).toEqual(['counts.get']);
  });

  it('rejects and logs a malformed or unknown message without running anything', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await dispatch({ type: 'counts.get', sql: 'drop' }, page)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'eval', code: '1' }, page)).toMatchObject({ ok: false });
    expect(handled).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('keeps imports, exports and settings to the extension pages', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fromPortal = await dispatch(
      { type: 'settings.save', patch: { intuneEnabled: true } },
      contentScript,
    );
    expect(fromPortal).toMatchObject({ ok: false, error: /only accepted from the extension's pages/ });
    expect(handled).toEqual([]);
    expect(await dispatch({ type: 'settings.save', patch: { intuneEnabled: true } }, page)).toMatchObject({
      ok: true,
    });
    warn.mockRestore();
  });
});
