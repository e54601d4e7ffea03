import { describe, expect, it } from 'vitest';
import { instant } from '../../model/time.ts';
import { exportInstant } from './export-rows.ts';

/** What a parser makes of `raw`: its value, or the message it refuses it with. */
const outcome = (parse: (raw: string) => string, raw: string): string => {
  try {
    return `ok ${parse(raw)}`;
  } catch (e) {
    return `error ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
};

describe('exportInstant', () => {
  it('reads the export forms exactly as instant does, refusals included', () => {
    const days = [
      '0099-01-01',
      '0100-03-01',
      '2020-02-29',
      '2021-02-29',
      '1900-02-29',
      '2000-02-29',
      '2021-04-31',
    ];
    const more = ['2021-12-31', '2021-13-01', '2021-00-10', '2021-01-00', '9999-12-31', '2021-1-05'];
    const times = ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60', '1:00:00'];
    const tails = [
      '',
      'Z',
      'z',
      '.1',
      '.25',
      '.29',
      '.123Z',
      '.1234567Z',
      '.999999999',
      '.9999999999Z',
      '.',
      '.Z',
      ' ',
      '+02:00',
      'X',
    ];
    let compared = 0;
    for (const day of [...days, ...more])
      for (const sep of [' ', 'T', 't', '_'])
        for (const time of times)
          for (const tail of tails) {
            const raw = `${day}${sep}${time}${tail}`;
            expect(outcome(exportInstant, raw), raw).toBe(outcome(instant, raw));
            compared++;
          }
    for (const raw of ['2021-01-05', '2021-01-05T10:00', ' 2021-01-05 10:00:00', 'soon', '']) {
      expect(outcome(exportInstant, raw), raw).toBe(outcome(instant, raw));
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('turns the usual form into an ISO instant with milliseconds', () => {
    expect(exportInstant('2020-12-30 14:17:26')).toBe('2020-12-30T14:17:26.000Z');
    expect(exportInstant('2021-01-11T11:01:00.1234567Z')).toBe('2021-01-11T11:01:00.123Z');
  });
});
