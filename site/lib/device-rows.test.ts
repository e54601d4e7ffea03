import { describe, expect, it } from 'vitest';
import { type ActivityDevice, activityId, type Device, deviceGroupName, instant } from '../../core/index.ts';
import { devId, device } from '../../test/support/core/builders.ts';
import { deviceRowsHtml } from './device-rows.ts';

const row = (n: number, group: string): ActivityDevice => ({
  activityId: activityId('act-1'),
  deviceId: devId(n),
  rbacGroupName: deviceGroupName(group),
  state: 'exposed',
  changedOn: instant('2026-11-29T08:00:00Z'),
  sentToTask: false,
});

describe('deviceRowsHtml', () => {
  const text = {
    state: { exposed: 'Exposed', fixed: 'Fixed', leftScope: 'Left', vanished: 'Gone' },
    date: () => '29 Nov',
  };

  it('escapes every value from the data, as Astro escapes {…}', () => {
    const hostile: Device = { ...device(1), computerDnsName: '<script>alert(1)</script>&"x\'' };
    const html = deviceRowsHtml([{ row: row(1, '<b>Labs</b>'), device: hostile }], text);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&#39;');
    expect(html).toContain('&lt;b&gt;Labs&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });

  it('writes one row per device, falling back to the device id when the archive has no name', () => {
    const known = device(1);
    const rows = [
      { row: row(1, 'Servers'), device: known },
      { row: row(2, 'Servers'), device: undefined },
    ];
    const html = deviceRowsHtml(rows, text);
    expect(html.match(/<tr>/g)).toHaveLength(2);
    expect(html).toContain(`<td>${known.computerDnsName}</td>`);
    expect(html).toContain(`<td>${devId(2)}</td><td>Servers</td><td></td><td>Exposed</td><td>29 Nov</td>`);
  });
});
