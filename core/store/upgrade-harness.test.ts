import { describe, expect, it } from 'vitest';
import { fakeIdb, sampleState } from '../../test/support/core/store-fixtures.ts';
import { rowDifferences, type TableRows, upgradeFrom } from '../../test/support/core/upgrade-harness.ts';
import { openStore } from './open-store.ts';
import { type EventRow, toActivityRow, toEventRow } from './rows.ts';
import { latestVersion, SCHEMA, type SchemaVersion } from './schema.ts';

/** The sample state as version 1 stores it (derived index fields included). */
function v1Rows(): TableRows {
  const s = sampleState();
  return {
    recommendations: s.recommendations,
    devices: s.devices,
    exposures: s.exposures,
    activities: s.activities.map(toActivityRow),
    activityDevices: s.activityDevices,
    tasks: s.tasks,
    exceptions: s.exceptions,
    // Stored by id (the primary key), which for the sample is also time order.
    events: s.events.map(toEventRow),
    meta: [{ key: 'intune', value: { enabled: false } }],
  };
}

describe('schema upgrades', () => {
  it('version 1: rows seeded at v1 are all intact after reopening with the current schema', async () => {
    const deps = fakeIdb();
    const result = await upgradeFrom({ name: 'v1', deps, versions: SCHEMA, from: 1, seed: v1Rows() });
    expect(result.version).toBe(latestVersion(SCHEMA));
    expect(rowDifferences(v1Rows(), result.rows)).toEqual([]);
    // And the store reads them back as the domain state.
    const store = await openStore({ name: 'v1', ...deps });
    expect(await store.loadState()).toEqual(sampleState());
    store.close();
  });

  it('rowDifferences reports every mismatching row and count', () => {
    const rows = v1Rows();
    const changed: TableRows = {
      ...rows,
      devices: rows.devices?.slice(1) ?? [],
      tasks: [{ ...(rows.tasks?.[0] as object), status: 'active' }],
    };
    const diffs = rowDifferences(rows, changed);
    expect(diffs.some((d) => d.startsWith('devices: expected 3 rows, found 2'))).toBe(true);
    expect(diffs.some((d) => d.startsWith('tasks[0]:') && d.includes('"status":"active"'))).toBe(true);
  });

  it('a hypothetical version 2 (new index + derived field filled by upgrade) upgrades every row', async () => {
    // What adding version 2 will look like: a new index on events.type and a derived `actorKind` field.
    const v2: readonly SchemaVersion[] = [
      ...SCHEMA,
      {
        version: 2,
        stores: { events: 'id, at, [at+id], *subjects, type, actorKind' },
        upgrade: (tx) =>
          tx
            .table('events')
            .toCollection()
            .modify((e: EventRow & { actorKind?: string }) => {
              e.actorKind = e.actor === 'system' ? 'system' : 'user';
            }),
      },
    ];
    const deps = fakeIdb();
    const seed = v1Rows();
    const result = await upgradeFrom({ name: 'v2', deps, versions: v2, from: 1, seed });
    expect(result.version).toBe(2);
    const expected = {
      ...seed,
      events: (seed.events as EventRow[]).map((e) => ({
        ...e,
        actorKind: e.actor === 'system' ? 'system' : 'user',
      })),
    };
    expect(rowDifferences(expected, result.rows)).toEqual([]);
    // Against the unchanged seed, the harness sees the upgrade did something.
    expect(rowDifferences(seed, result.rows)).toHaveLength(seed.events?.length ?? 0);

    // The store opens the upgraded database and reads the domain rows unchanged.
    const store = await openStore({ name: 'v2', ...deps, schema: v2 });
    expect((await store.loadState()).activities).toEqual(sampleState().activities);
    store.close();
  });
});
