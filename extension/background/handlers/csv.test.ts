import { describe, expect, it, vi } from 'vitest';
import { calendarDate, readCsvRows } from '../../../core/index.ts';
import { DEFECTDOJO, morningOf, stateWith, tracked } from '../../../test/support/core/builders.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const createdOn = morningOf('2026-03-01');
vi.mock('../data.ts', () => ({
  currentState: async () =>
    stateWith({
      activities: [
        tracked('a-own', {
          title: 'Own date',
          priority: 'High',
          createdOn,
          dueOn: calendarDate('2026-03-05'),
        }),
        tracked('a-sla', { title: 'No date', priority: 'High', createdOn, dueOn: null }),
      ],
    }),
}));
vi.mock('../team-state.ts', () => ({ teamSettings: async () => DEFECTDOJO }));

const { csvHandlers } = await import('./csv.ts');

describe('csv.activities', () => {
  it("R-CSV-1, R-SLA-2: an activity without its own due date gets the team's SLA date, marked so", async () => {
    const { csv } = await csvHandlers['csv.activities']({ type: 'csv.activities', activityIds: null });
    const header =
      csv
        .replace(/^\ufeff/, '')
        .split('\r\n')[0]
        ?.split(',') ?? [];
    const rows: string[][] = [];
    await readCsvRows(csv, 'activities.csv', header, (cells) => rows.push([...cells]));
    const due = (title: string) => {
      const row = rows.find((r) => r[0] === title) ?? [];
      return [row[header.indexOf('Due date')], row[header.indexOf('Due date source')]];
    };
    // High under DefectDojo: 30 days from 1 March.
    expect(due('No date')).toEqual(['2026-03-31', 'sla']);
    expect(due('Own date')).toEqual(['2026-03-05', 'own']);
  });
});
