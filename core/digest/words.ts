import type { Priority } from '../model/activity.ts';
import type { Instant } from '../model/time.ts';
import { EN_TERMS } from '../terms/en.ts';
import type { DomainTerms } from '../terms/terms.ts';
import { ZH_CN_TERMS } from '../terms/zh-cn.ts';
import type { Digest, DigestShare } from './digest.ts';

/** The languages of a digest: the report site's. */
export const DIGEST_LANGS = ['en', 'zh-cn'] as const;
export type DigestLang = (typeof DIGEST_LANGS)[number];

/** One line of a section: what is counted, and its value. */
export interface DigestFact {
  readonly label: string;
  readonly value: string;
}

export interface DigestSection {
  readonly heading: string;
  readonly facts: readonly DigestFact[];
  /** Said after the facts, or instead of them when there are none. */
  readonly note: string | null;
}

/** A digest in words of one language: what the Markdown, the mail and the card each lay out. */
export interface DigestText {
  readonly lang: DigestLang;
  /** The BCP 47 tag, for `lang` attributes. */
  readonly locale: string;
  readonly title: string;
  readonly lead: readonly string[];
  readonly sections: readonly DigestSection[];
}

interface Words {
  readonly locale: string;
  readonly terms: DomainTerms;
  readonly title: string;
  lead(at: string, from: string, to: string): string;
  readonly noSla: string;
  readonly headline: string;
  readonly openExposures: string;
  readonly exposureCompliance: string;
  readonly exposureBreaches: string;
  readonly exposureMedian: string;
  readonly activeActivities: string;
  readonly overdueActivities: string;
  readonly activityCompliance: string;
  readonly activityMedian: string;
  share(percent: string, onTime: string, closed: string): string;
  readonly noneClosed: string;
  days(days: string, n: number): string;
  /** The heading of what changed, since the previous snapshot's moment when there is one. */
  changes(since: string | null): string;
  readonly noPrevious: string;
  readonly created: string;
  readonly completed: string;
  readonly devicesFixed: string;
  readonly devicesNewlyExposed: string;
  readonly exceptionsAdded: string;
  readonly exceptionsEnded: string;
  overdue(shown: string, total: string): string;
  overdueValue(priority: string, due: string, days: string, fixed: string, target: string): string;
  readonly noneOverdue: string;
  readonly groups: string;
  groupValue(breaches: string, open: string, compliance: string): string;
  readonly noBreaches: string;
  moreGroups(n: string): string;
}

// Counts in English take "day"/"days"; Chinese has no plural.
const enDays = (days: string, n: number) => `${days} ${n === 1 ? 'day' : 'days'}`;

const WORDS: Readonly<Record<DigestLang, Words>> = {
  en: {
    locale: 'en',
    terms: EN_TERMS,
    title: 'Remediation summary',
    lead: (at, from, to) =>
      `Snapshot of ${at}. SLA compliance and time to remediate over the 30 days from ${from} to ${to}.`,
    noSla: 'The archive sets no SLA (remdesk.json): compliance and breaches are not measured.',
    headline: 'Headline',
    openExposures: 'Open exposures (device × recommendation)',
    exposureCompliance: 'Exposures fixed within their SLA',
    exposureBreaches: 'Exposures past their SLA (breaches)',
    exposureMedian: 'Median time to fix an exposure',
    activeActivities: 'Active activities',
    overdueActivities: 'Overdue activities',
    activityCompliance: 'Activities completed by their due date',
    activityMedian: 'Median time to complete an activity',
    share: (percent, onTime, closed) => `${percent} (${onTime} of ${closed})`,
    noneClosed: '– (none closed with a due date)',
    days: enDays,
    changes: (since) => (since === null ? 'What changed' : `What changed since ${since}`),
    noPrevious: 'No previous snapshot to compare with.',
    created: 'New activities',
    completed: 'Completed activities',
    devicesFixed: 'Devices newly fixed',
    devicesNewlyExposed: 'Devices newly exposed',
    exceptionsAdded: 'New exceptions',
    exceptionsEnded: 'Exceptions ended (expired or canceled)',
    overdue: (shown, total) => `Overdue activities, most urgent first (${shown} of ${total})`,
    overdueValue: (priority, due, days, fixed, target) =>
      `${priority} priority · due ${due}, ${days} overdue · ${fixed} of ${target} devices fixed`,
    noneOverdue: 'No activity is overdue.',
    groups: 'Exposures past their SLA, by device group',
    groupValue: (breaches, open, compliance) =>
      `${breaches} past their SLA · ${open} open · fixed within SLA: ${compliance}`,
    noBreaches: 'No exposure is past its SLA.',
    moreGroups: (n) => `…and ${n} more device groups with breaches.`,
  },
  'zh-cn': {
    locale: 'zh-CN',
    terms: ZH_CN_TERMS,
    title: '修正摘要',
    lead: (at, from, to) => `${at} 的快照。SLA 合规率和修正时间按 ${from} 至 ${to} 的 30 天计算。`,
    noSla: '存档未设置 SLA（remdesk.json）：不衡量合规率和违约。',
    headline: '要点',
    openExposures: '未修复的暴露（设备 × 安全建议）',
    exposureCompliance: '在 SLA 内修复的暴露',
    exposureBreaches: '超过 SLA 的暴露（违约）',
    exposureMedian: '修复暴露的时间中位数',
    activeActivities: '活动中的修正活动',
    overdueActivities: '已逾期的修正活动',
    activityCompliance: '在截止日期前完成的修正活动',
    activityMedian: '完成修正活动的时间中位数',
    share: (percent, onTime, closed) => `${percent}（${closed} 项中的 ${onTime} 项）`,
    noneClosed: '–（没有带截止日期的已关闭项）',
    days: (days) => `${days} 天`,
    changes: (since) => (since === null ? '变化' : `自 ${since} 以来的变化`),
    noPrevious: '没有可比较的上一快照。',
    created: '新的修正活动',
    completed: '已完成的修正活动',
    devicesFixed: '新修复的设备',
    devicesNewlyExposed: '新暴露的设备',
    exceptionsAdded: '新的例外',
    exceptionsEnded: '已结束的例外（过期或取消）',
    overdue: (shown, total) => `已逾期的修正活动，最紧急的在前（共 ${total} 项，显示 ${shown} 项）`,
    overdueValue: (priority, due, days, fixed, target) =>
      `优先级${priority} · 截止日期 ${due}，逾期 ${days} · ${target} 台设备中已修复 ${fixed} 台`,
    noneOverdue: '没有已逾期的修正活动。',
    groups: '按设备组的超过 SLA 的暴露',
    groupValue: (breaches, open, compliance) =>
      `${breaches} 项超过 SLA · ${open} 项未修复 · SLA 内修复：${compliance}`,
    noBreaches: '没有超过 SLA 的暴露。',
    moreGroups: (n) => `……另有 ${n} 个设备组有违约。`,
  },
};

/** A moment as mail readers everywhere read it: the day and time in UTC, in ISO order. */
const moment = (t: Instant): string => `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;

/** The digest in `lang`'s words: the domain's values in core's terms, numbers in its locale. */
export function digestText(d: Digest, lang: DigestLang): DigestText {
  const w = WORDS[lang];
  const numberFormat = new Intl.NumberFormat(w.locale);
  const percentFormat = new Intl.NumberFormat(w.locale, { style: 'percent', maximumFractionDigits: 0 });
  const num = (n: number) => numberFormat.format(n);
  const share = (s: DigestShare) =>
    s.share === null ? w.noneClosed : w.share(percentFormat.format(s.share), num(s.onTime), num(s.closed));
  const days = (n: number | null) => (n === null ? '–' : w.days(num(n), n));
  const priority = (p: Priority) => w.terms.priority[p];
  const fact = (label: string, value: string): DigestFact => ({ label, value });

  const headline: DigestSection = {
    heading: w.headline,
    facts: [
      fact(w.openExposures, num(d.exposures.open)),
      fact(w.exposureCompliance, share(d.exposures.compliance)),
      fact(w.exposureBreaches, num(d.exposures.breaches)),
      fact(w.exposureMedian, days(d.exposures.medianDays)),
      fact(w.activeActivities, num(d.activities.active)),
      fact(w.overdueActivities, num(d.activities.overdue)),
      fact(w.activityCompliance, share(d.activities.compliance)),
      fact(w.activityMedian, days(d.activities.medianDays)),
    ],
    note: null,
  };
  const c = d.changes;
  const changes: DigestSection =
    c === null
      ? { heading: w.changes(null), facts: [], note: w.noPrevious }
      : {
          heading: w.changes(moment(c.since)),
          facts: [
            fact(w.created, num(c.created)),
            fact(w.completed, num(c.completed)),
            fact(w.devicesFixed, num(c.devicesFixed)),
            fact(w.devicesNewlyExposed, num(c.devicesNewlyExposed)),
            fact(w.exceptionsAdded, num(c.exceptionsAdded)),
            fact(w.exceptionsEnded, num(c.exceptionsEnded)),
          ],
          note: null,
        };
  const overdue: DigestSection = {
    heading: w.overdue(num(d.overdue.length), num(d.activities.overdue)),
    facts: d.overdue.map((a) =>
      fact(
        a.title,
        w.overdueValue(
          priority(a.priority),
          a.dueOn,
          days(a.daysOverdue),
          num(a.fixedDevices),
          num(a.targetDevices),
        ),
      ),
    ),
    note: d.overdue.length === 0 ? w.noneOverdue : null,
  };
  const groups: DigestSection = {
    heading: w.groups,
    facts: d.groups.map((g) =>
      fact(g.group, w.groupValue(num(g.breaches), num(g.open), share(g.compliance))),
    ),
    note: d.groups.length === 0 ? w.noBreaches : d.moreGroups > 0 ? w.moreGroups(num(d.moreGroups)) : null,
  };
  return {
    lang,
    locale: w.locale,
    title: `${w.title} · ${d.at.slice(0, 10)}`,
    lead: [w.lead(moment(d.at), d.from, d.to), ...(d.sla ? [] : [w.noSla])],
    sections: [headline, changes, overdue, groups],
  };
}
