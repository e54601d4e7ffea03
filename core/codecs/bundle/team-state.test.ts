import { describe, expect, it } from 'vitest';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import { presetPolicy } from '../../sla/policy.ts';
import { DEFAULT_SETTINGS, SETTINGS_FILE } from '../settings-file.ts';
import { splitTeamState, TEAM_STATE_FILE, teamStateText } from './team-state.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const teamState = (extra: [string, string][] = []) =>
  new Map<string, Uint8Array>([
    ['manifest.json', bytes('{}')],
    [TEAM_STATE_FILE, bytes(teamStateText({ archive: 'a1', snapshot: '2026-11-29T080000Z' }))],
    ...extra.map(([name, text]): [string, Uint8Array] => [name, bytes(text)]),
  ]);

describe('a team state carries the archive settings', () => {
  it("R-SLA-1: remdesk.json's policy travels with it, apart from the snapshot's files", () => {
    const split = splitTeamState(
      teamState([[SETTINGS_FILE, '{"sla": {"preset": "defectdojo"}}']]),
      'team.zip',
    );
    expect(split.settings).toEqual({ slaPreset: 'defectdojo', sla: presetPolicy('defectdojo') });
    expect([...split.snapshot.keys()]).toEqual(['manifest.json']);
  });

  it('without remdesk.json there is no SLA, as for the archive itself', () => {
    expect(splitTeamState(teamState(), 'team.zip').settings).toBe(DEFAULT_SETTINGS);
  });

  it('a bad remdesk.json refuses the team state, naming the file, line and field', () => {
    const e = inputErrorOf(() =>
      splitTeamState(teamState([[SETTINGS_FILE, '{"sla": {\n  "preset": "dojo"\n}}']]), 'team.zip'),
    );
    expect(e.issues[0]).toMatchObject({ file: 'team.zip/remdesk.json', line: 2, field: 'preset' });
  });
});
