import { describe, expect, it } from 'vitest';
import { deltaRowJson, exposureRowJson, Tenant } from './tenant.ts';

describe('the stand-in tenant', () => {
  it('100,000 devices and 2,000,000 exposure records: every record found by arithmetic, none held', () => {
    const t = new Tenant(7, {
      devices: 100_000,
      recommendations: 40,
      exposures: 2_000_000,
      activities: 30,
      deltaChanges: 5000,
    });
    let sum = 0;
    for (let i = 0; i < t.size.devices; i++) sum += t.device(i).records;
    expect(sum).toBe(2_000_000);
    expect(t.locate(0)).toEqual({ device: 0, row: 0 });
    expect(t.locate(1_999_999)).toEqual({ device: 99_999, row: 19 });
    const seenAt = new Date('2026-12-01T06:00:00Z');
    const row = JSON.parse(exposureRowJson(t, t.device(51_234), 3, seenAt));
    expect(row).toMatchObject({ deviceId: t.device(51_234).id, lastSeenTimestamp: '2026-12-01 06:00:00' });
    expect(row.recommendationReference).toMatch(/^(va-_-|sca-_-scid-)/);
    // Deterministic: the same seed gives the same bytes.
    const again = new Tenant(7, t.size);
    expect(exposureRowJson(again, again.device(51_234), 3, seenAt)).toBe(
      exposureRowJson(t, t.device(51_234), 3, seenAt),
    );
    expect(t.activities.map((a) => a.id)).toEqual(again.activities.map((a) => a.id));
  });

  it('uneven splits: the first devices carry one record more', () => {
    const t = new Tenant(1, {
      devices: 7,
      recommendations: 5,
      exposures: 23,
      activities: 2,
      deltaChanges: 3,
    });
    expect(Array.from({ length: 7 }, (_, i) => t.device(i).records)).toEqual([4, 4, 3, 3, 3, 3, 3]);
    expect(t.locate(7)).toEqual({ device: 1, row: 3 });
    expect(t.locate(8)).toEqual({ device: 2, row: 0 });
    const ids = new Set<string>();
    for (let g = 0; g < 23; g++) {
      const { device, row } = t.locate(g);
      ids.add(JSON.parse(exposureRowJson(t, t.device(device), row, new Date(0))).id);
    }
    expect(ids.size).toBe(23);
  });

  it('delta rows carry status and eventTimestamp within the window', () => {
    const t = new Tenant(3, {
      devices: 50,
      recommendations: 10,
      exposures: 200,
      activities: 3,
      deltaChanges: 20,
    });
    const since = new Date('2026-11-25T00:00:00Z');
    const now = new Date('2026-12-01T00:00:00Z');
    for (let c = 0; c < 20; c++) {
      const r = JSON.parse(deltaRowJson(t, c, since, now));
      expect(['New', 'Fixed', 'Updated']).toContain(r.status);
      const at = Date.parse(r.eventTimestamp);
      expect(at).toBeGreaterThanOrEqual(since.getTime());
      expect(at).toBeLessThanOrEqual(now.getTime());
    }
  });
});
