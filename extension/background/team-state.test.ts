import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyState, encodeSnapshot, instant, SETTINGS_FILE, TEAM_STATE_FILE } from '../../core/index.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
// fetchTeamState reads no store: the data module is left out.
vi.mock('./data.ts', () => ({}));

const { fetchTeamState } = await import('./team-state.ts');

const REPORT = 'https://reports.contoso.com/remdesk/';
/** A real snapshot's files, as the report publishes them under snapshot/. */
const snapshot = Object.fromEntries(
  [
    ...(await encodeSnapshot(emptyState(), { generatedAt: instant('2026-11-29T08:00:00Z'), source: 't' })),
  ].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]),
);

/** The report's snapshot/ folder: the files it has, anything else a 404 (or `status`). */
function serve(files: Record<string, string>, status = 404): void {
  vi.stubGlobal('fetch', async (url: URL) => {
    const name = url.href.slice(`${REPORT}snapshot/`.length);
    const text = files[name];
    return text === undefined ? new Response('', { status }) : new Response(text);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchTeamState: the report's team state", () => {
  const folder = { ...snapshot, [TEAM_STATE_FILE]: '{}' };
  const names = async () => [...(await fetchTeamState(REPORT)).keys()].sort();
  const published = Object.keys(folder);

  it("R-SLA-1: takes the archive's remdesk.json with the snapshot's files", async () => {
    serve({ ...folder, [SETTINGS_FILE]: '{"sla": {"preset": "defectdojo"}}' });
    expect(await names()).toEqual([...published, SETTINGS_FILE].sort());
  });

  it('a report without one (404) is an archive without an SLA, not a broken report', async () => {
    serve(folder);
    expect(await names()).toEqual(published.sort());
  });

  it('any other failure stops the load, naming the address', async () => {
    serve(folder, 500);
    await expect(fetchTeamState(REPORT)).rejects.toThrow(`${REPORT}snapshot/${SETTINGS_FILE}: HTTP 500`);
  });
});
