import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { i18n } from './index.ts';
import { zhCn } from './zh-cn.ts';

describe('site messages: counts', () => {
  const { t } = i18n('en');

  it('words English counts in the singular for one and the plural otherwise', () => {
    expect(t('activity.overdue', { n: 1 })).toBe('1 day overdue');
    expect(t('activity.overdue', { n: 2 })).toBe('2 days overdue');
    expect(t('activity.overdue', { n: 1200 })).toBe('1,200 days overdue');
    expect(t('progress.label', { fixed: 0, target: 1 })).toBe('0 of 1 device fixed');
    expect(t('progress.label', { fixed: 1, target: 18_511 })).toBe('1 of 18,511 devices fixed');
    expect(t('activities.count', { n: 1 })).toBe('1 activity');
    expect(t('activities.count', { n: 0 })).toBe('0 activities');
    expect(t('activity.leftScope', { n: 1 })).toBe('1 device left the device groups');
    expect(t('activity.vanished', { n: 1 })).toBe('1 device is no longer in the data');
    expect(t('activity.vanished', { n: 3 })).toBe('3 devices are no longer in the data');
    expect(t('activity.capNotice', { limit: 10_000, sent: 10_000, left: 1 })).toBe(
      'A security task (Intune) carries at most 10,000 devices: 10,000 were sent and 1 was left out.',
    );
  });

  it('R-INT-2: the capped ticket notice reads as before for many left out', () => {
    expect(t('activity.capNotice', { limit: 10_000, sent: 10_000, left: 2_500 })).toBe(
      'A security task (Intune) carries at most 10,000 devices: 10,000 were sent and 2,500 were left out.',
    );
  });

  it('leaves zh-CN, which has no plural, as written', () => {
    const zh = i18n('zh-cn');
    expect(zh.t('activity.overdue', { n: 1 })).toBe(zhCn['activity.overdue'].replace('{n}', '1'));
  });

  it('leaves no English number before a plural noun without a plural form', () => {
    // "{n} days", "{target} devices": a count written straight before a plural noun reads
    // "1 days" for one; every such count goes through a plural form instead ({limit} is 10,000).
    const bare = Object.entries(en).filter(([, text]) =>
      /\{(?!limit\})\w+\} (?:[a-z]+ )?[a-z]+s\b/.test(text),
    );
    expect(bare.map(([key]) => key)).toEqual([]);
  });
});
