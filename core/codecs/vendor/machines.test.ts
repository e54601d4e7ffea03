import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import { envelope } from '../../../test/support/core/vendor-files.ts';
import { readJsonDocument } from './json-document.ts';
import { parseMachineReferences } from './machine-references.ts';
import { parseMachines } from './machines.ts';

const records = (name: string) => readJsonDocument(defenderFixture(name), name).records;

describe('parseMachines', () => {
  it('imports full machine entities, tolerating nulls', () => {
    const [a, b] = parseMachines(records('machines_list.json'), 'machines_list.json');
    expect(a).toEqual({
      id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
      computerDnsName: 'mymachine1.contoso.com',
      osPlatform: 'Windows10',
      rbacGroupName: 'The-A-Team',
      machineTags: ['test tag 1', 'test tag 2'],
      exposureLevel: 'Medium',
      riskScore: 'Low',
      lastSeen: '2021-01-25T07:27:36.052Z',
    });
    // Upper-case id normalised; null group is the vendor's UnassignedGroup (PD).
    expect(b).toMatchObject({
      id: '7292e4b9b3ec3f3be5d3b9d1f4b1b8b6f0f7a0c1',
      computerDnsName: '',
      rbacGroupName: 'UnassignedGroup',
      machineTags: [],
      exposureLevel: null,
      riskScore: 'None',
      lastSeen: null,
    });
  });

  it('refuses a device id that is not 40 hex characters and an unknown risk score', () => {
    const base = {
      id: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
      computerDnsName: 'a',
      osPlatform: 'Windows10',
    };
    const parse = (r: object) =>
      parseMachines(readJsonDocument(envelope('Machines', [r]), 'm.json').records, 'm.json');
    expect(inputErrorOf(() => parse({ ...base, id: 'abc' })).message).toMatch(
      /^m\.json:4: \$\.value\[0\]\.id: id: device id "abc" is not 40 hex characters$/,
    );
    expect(inputErrorOf(() => parse({ ...base, riskScore: 'Severe' })).issues[0]?.field).toBe('riskScore');
  });
});

describe('parseMachineReferences', () => {
  it('imports machine references as devices with nothing more known', () => {
    const devices = parseMachineReferences(records('machineReferences_list.json'), 'refs.json');
    expect(devices.map((d) => [d.id, d.computerDnsName, d.osPlatform, d.rbacGroupName])).toEqual([
      ['9d80fbbc1bdbc5ce968f1d37c72384cbe17ee337', 'client1.contoso.com', 'Windows10', 'Workstations'],
      [
        'e0ef8c3c1d9ae0a8f1f1e0c7f4a2b9a5c3d2e1f0',
        'server2.contoso.com',
        'WindowsServer2019',
        'UnassignedGroup',
      ],
    ]);
    expect(devices[0]).toMatchObject({
      machineTags: [],
      exposureLevel: null,
      riskScore: null,
      lastSeen: null,
    });
  });

  it('refuses the same device twice, whatever the case of its id', () => {
    const ref = {
      id: '9d80fbbc1bdbc5ce968f1d37c72384cbe17ee337',
      computerDnsName: 'a',
      osPlatform: 'W',
      rbacGroupName: 'g',
    };
    const text = envelope('MachineReferences', [ref, { ...ref, id: ref.id.toUpperCase() }]);
    expect(
      inputErrorOf(() => parseMachineReferences(readJsonDocument(text, 'r.json').records, 'r.json')).message,
    ).toMatch(/duplicate id/);
  });
});
