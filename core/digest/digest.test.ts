import { describe, expect, it } from 'vitest';
import {
  CONFIG_REC_ID,
  DEFECTDOJO,
  devId,
  device,
  exposure,
  group,
  metricsOf,
  morningOf,
  REC_ID,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { DEFAULT_SETTINGS } from '../codecs/settings-file.ts';
import { calendarDate } from '../model/time.ts';
import { diffStates } from '../rules/diff-states.ts';
import { summarize } from '../rules/summarize.ts';
import { type DigestSource, weekDigest } from './digest.ts';
import { digestCard, digestHtml, digestMarkdown, markdownText } from './render.ts';
import { digestText } from './words.ts';

const at = morningOf;
const dojo = DEFECTDOJO;
const progress = (fixed: number, target: number) =>
  ({ kind: 'counts', targetDevices: target, fixedDevices: fixed }) as const;

/*
 * Computed by hand. The latest snapshot is 2026-03-31, the one before 2026-03-24; DefectDojo's SLA;
 * the headline period 2026-03-02 to 2026-03-31.
 *   exposures e1 device 1 (Servers) Critical, first seen 03-20: due 03-27, a breach
 *             e2 device 2 (Laptops) Low, first seen 03-30: due 07-28; new this week
 *             device 1's configuration exposure, there a week ago, is gone: fixed this week
 *   fixed     f1 Servers High, seen 03-01, fixed 03-15: due 03-31, on time, 14 days
 *   activities a1 High, due 03-01, 2 of 10 fixed: 30 days overdue (the title is hostile)
 *              a2 Low, due 03-30, 0 of 4: 1 day overdue
 *              a3 Medium, requested 03-01, due 03-20, completed 03-25 this week: late, 24 days
 */
const a1 = tracked('a1', {
  title: 'Update <Chrome> [now](http://x) *fast*',
  priority: 'High',
  dueOn: calendarDate('2026-03-01'),
  progress: progress(2, 10),
});
const a2 = tracked('a2', {
  title: 'Patch OpenSSL',
  priority: 'Low',
  dueOn: calendarDate('2026-03-30'),
  progress: progress(0, 4),
});
const a3 = tracked('a3', { createdOn: at('2026-03-01'), dueOn: calendarDate('2026-03-20') });
const e1 = exposure(1, REC_ID, { highestSeverity: 'Critical', firstSeen: at('2026-03-20') });
const state = stateWith({
  devices: [device(1, 'Servers'), device(2, 'Laptops')],
  exposures: [e1, exposure(2, REC_ID, { highestSeverity: 'Low', firstSeen: at('2026-03-30') })],
  activities: [
    a1,
    a2,
    { ...a3, status: 'Completed', completion: { method: 'Automatic', completedOn: at('2026-03-25') } },
  ],
});
const previous = stateWith({
  devices: state.devices,
  exposures: [e1, exposure(1, CONFIG_REC_ID, { firstSeen: at('2026-03-01') })],
  activities: [a1, a2, a3],
});
const fixes = [
  {
    deviceId: devId(1),
    recommendationId: CONFIG_REC_ID,
    group: group('Servers'),
    severity: 'High' as const,
    firstSeen: at('2026-03-01'),
    fixedAt: at('2026-03-15'),
  },
];
const source: DigestSource = {
  state,
  at: at('2026-03-31'),
  previousAt: at('2026-03-24'),
  diff: diffStates(previous, state, at('2026-03-24'), at('2026-03-31')),
  figures: summarize(state, at('2026-03-31')),
  metrics: metricsOf(state, at('2026-03-31'), dojo, fixes, at('2026-03-01')),
};
const digest = weekDigest(source);

describe('weekDigest: the report figures a manager is sent', () => {
  it('takes the headline, the week, the overdue in R-TOP-1 order and the breaches by group', () => {
    expect(digest.exposures).toEqual({
      open: 2,
      compliance: { share: 1, onTime: 1, closed: 1 },
      breaches: 1,
      medianDays: 14,
    });
    expect(digest.activities).toEqual({
      active: 2,
      overdue: 2,
      compliance: { share: 0, onTime: 0, closed: 1 },
      medianDays: 24,
    });
    expect(digest.changes).toEqual({
      since: at('2026-03-24'),
      created: 0,
      completed: 1,
      devicesFixed: 1,
      devicesNewlyExposed: 1,
      exceptionsAdded: 0,
      exceptionsEnded: 0,
    });
    expect(digest.overdue.map((a) => [a.id, a.daysOverdue, a.fixedDevices, a.targetDevices])).toEqual([
      ['a1', 30, 2, 10],
      ['a2', 1, 0, 4],
    ]);
    expect(digest.groups).toEqual([
      { group: 'Servers', breaches: 1, open: 1, compliance: { share: 1, onTime: 1, closed: 1 } },
    ]);
    expect([digest.sla, digest.moreGroups]).toEqual([true, 0]);
  });

  it('renders Markdown with the data escaped', () => {
    expect(digestMarkdown(digestText(digest, 'en'))).toBe(`# Remediation summary · 2026-03-31

Snapshot of 2026-03-31 08:00 UTC. SLA compliance and time to remediate over the 30 days from 2026-03-02 to 2026-03-31.

## Headline

- **Open exposures (device × recommendation)**: 2
- **Exposures fixed within their SLA**: 100% (1 of 1)
- **Exposures past their SLA (breaches)**: 1
- **Median time to fix an exposure**: 14 days
- **Active activities**: 2
- **Overdue activities**: 2
- **Activities completed by their due date**: 0% (0 of 1)
- **Median time to complete an activity**: 24 days

## What changed since 2026-03-24 08:00 UTC

- **New activities**: 0
- **Completed activities**: 1
- **Devices newly fixed**: 1
- **Devices newly exposed**: 1
- **New exceptions**: 0
- **Exceptions ended (expired or canceled)**: 0

## Overdue activities, most urgent first (2 of 2)

- **Update \\<Chrome\\> \\[now\\](http://x) \\*fast\\***: High priority · due 2026-03-01, 30 days overdue · 2 of 10 devices fixed
- **Patch OpenSSL**: Low priority · due 2026-03-30, 1 day overdue · 0 of 4 devices fixed

## Exposures past their SLA, by device group

- **Servers**: 1 past their SLA · 1 open · fixed within SLA: 100% (1 of 1)
`);
  });

  it('words it in Simplified Chinese with core’s terms', () => {
    const md = digestMarkdown(digestText(digest, 'zh-cn'));
    expect(md).toContain('# 修正摘要 · 2026-03-31\n');
    expect(md).toContain('- **在 SLA 内修复的暴露**: 100%（1 项中的 1 项）\n');
    expect(md).toContain('- **修复暴露的时间中位数**: 14 天\n');
    expect(md).toContain('## 自 2026-03-24 08:00 UTC 以来的变化\n');
    expect(md).toContain(
      '- **Patch OpenSSL**: 优先级低 · 截止日期 2026-03-30，逾期 1 天 · 4 台设备中已修复 0 台\n',
    );
    expect(md).toContain('## 已逾期的修正活动，最紧急的在前（共 2 项，显示 2 项）\n');
  });

  it('renders mail HTML with inline styles and every text escaped', () => {
    const html = digestHtml(digestText(digest, 'zh-cn'));
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">\n')).toBe(true);
    expect(html).not.toMatch(/<style|<link|<script|class=/);
    expect(html).toContain(
      '>Update &lt;Chrome&gt; [now](http://x) *fast*</th><td style="padding:4px 12px 4px 0;border-bottom:1px solid #dddddd;vertical-align:top;text-align:left;font-weight:bold">优先级高 · 截止日期 2026-03-01，逾期 30 天 · 10 台设备中已修复 2 台</td></tr>',
    );
    expect(html).not.toContain('<Chrome>');
  });

  it('renders the Adaptive Card a Teams Workflows webhook posts', () => {
    const card = digestCard(digestText(digest, 'en')) as {
      type: string;
      attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
    };
    expect(card.type).toBe('message');
    expect(card.attachments).toHaveLength(1);
    const [attachment] = card.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = attachment?.content as { type: string; version: string; body: Record<string, unknown>[] };
    expect([content.type, content.version]).toEqual(['AdaptiveCard', '1.5']);
    expect(content.body[0]).toEqual({
      type: 'TextBlock',
      text: 'Remediation summary · 2026-03-31',
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
    });
    expect(content.body.filter((b) => b.type === 'FactSet')).toHaveLength(4);
    expect(JSON.stringify(content)).toContain(
      '{"title":"Update \\\\<Chrome\\\\> \\\\[now\\\\](http://x) \\\\*fast\\\\*","value":"High priority · due 2026-03-01, 30 days overdue · 2 of 10 devices fixed"}',
    );
  });

  it('says when there is no SLA, no previous snapshot and nothing overdue', () => {
    const alone = stateWith({ devices: state.devices, exposures: state.exposures });
    const text = digestText(
      weekDigest({
        state: alone,
        at: at('2026-03-31'),
        previousAt: null,
        diff: null,
        figures: summarize(alone, at('2026-03-31')),
        metrics: metricsOf(alone, at('2026-03-31'), DEFAULT_SETTINGS, [], at('2026-03-31')),
      }),
      'en',
    );
    expect(text.lead[1]).toBe(
      'The archive sets no SLA (remdesk.json): compliance and breaches are not measured.',
    );
    expect(text.sections.map((s) => [s.heading, s.facts.length, s.note])).toEqual([
      ['Headline', 8, null],
      ['What changed', 0, 'No previous snapshot to compare with.'],
      ['Overdue activities, most urgent first (0 of 0)', 0, 'No activity is overdue.'],
      ['Exposures past their SLA, by device group', 0, 'No exposure is past its SLA.'],
    ]);
    expect(text.sections[0]?.facts[1]?.value).toBe('– (none closed with a due date)');
  });

  it('lists ten device groups with breaches, most first, and says how many more there are', () => {
    const many = stateWith({
      devices: Array.from({ length: 12 }, (_, k) => device(k + 1, `Group ${String(k + 1).padStart(2, '0')}`)),
      exposures: Array.from({ length: 12 }, (_, k) =>
        exposure(k + 1, REC_ID, { highestSeverity: 'Critical', firstSeen: at('2026-03-01') }),
      ).concat([exposure(12, CONFIG_REC_ID, { highestSeverity: 'Critical', firstSeen: at('2026-03-01') })]),
    });
    const d = weekDigest({
      ...source,
      state: many,
      figures: summarize(many, at('2026-03-31')),
      metrics: metricsOf(many, at('2026-03-31'), dojo, [], at('2026-03-01')),
    });
    expect(d.groups.map((g) => [g.group, g.breaches])).toEqual([
      ['Group 12', 2],
      ...Array.from({ length: 9 }, (_, k) => [`Group ${String(k + 1).padStart(2, '0')}`, 1]),
    ]);
    expect(d.moreGroups).toBe(2);
    expect(digestText(d, 'en').sections[3]?.note).toBe('…and 2 more device groups with breaches.');
  });
});

describe('markdownText', () => {
  it('escapes what would make a link, an image, emphasis, code, HTML or a cell, and joins lines', () => {
    expect(markdownText('![x](y) `c` _e_ a|b ~s~ &amp; <b>\n# h')).toBe(
      '\\!\\[x\\](y) \\`c\\` \\_e\\_ a\\|b \\~s\\~ \\&amp; \\<b\\> \\# h',
    );
  });
});
