/**
 * Type tests: each `@ts-expect-error` line must fail to compile, or `npm run typecheck` fails
 * ("unused directive"). The runtime tests hold the terms to the vendor's table in docs/terms.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../model/activity.ts';
import { EXCEPTION_STATUSES, JUSTIFICATIONS } from '../model/exception.ts';
import { TASK_STATUSES } from '../model/intune-task.ts';
import { EN_TERMS } from './en.ts';
import { type DomainTerms, termKeys } from './terms.ts';
import { ZH_CN_TERMS } from './zh-cn.ts';

const LANGUAGES = { en: EN_TERMS, 'zh-CN': ZH_CN_TERMS };

/** The vendor's table: each English wording (both forms of "group(s)") → its zh-CN term. */
function vendorTable(): ReadonlyMap<string, string> {
  const doc = readFileSync(new URL('../../docs/terms.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf("## The vendor's Simplified Chinese terms"));
  const table = new Map<string, string>();
  for (const [, english = '', chinese = ''] of section.matchAll(/^\| ([^|]+) \| ([^|]+) \|$/gm)) {
    const zh = chinese.split(' / ');
    english.split(' / ').forEach((wording, i) => {
      for (const form of [wording.replace('(s)', ''), wording.replace('(s)', 's')])
        table.set(form.toLowerCase(), zh[i] ?? '');
    });
  }
  return table;
}

const pairs = (terms: DomainTerms) =>
  Object.entries(terms).flatMap(([kind, words]: [string, Record<string, string>]) =>
    Object.entries(words).map(([value, word]) => [`${kind}.${value}`, word] as const),
  );

describe('domain terms', () => {
  it('name every value of the domain lists in both languages', () => {
    for (const terms of Object.values(LANGUAGES)) {
      for (const p of PRIORITIES) expect(terms.priority[p]).not.toBe('');
      for (const s of TASK_STATUSES) expect(terms.taskStatus[s]).not.toBe('');
      for (const j of JUSTIFICATIONS) expect(terms.justification[j]).not.toBe('');
      for (const s of EXCEPTION_STATUSES) expect(terms.exceptionStatus[s]).not.toBe('');
    }
  });

  it('a value one language does not name does not compile', () => {
    // @ts-expect-error Low has no term
    const missing: DomainTerms['priority'] = { High: 'High', Medium: 'Medium' };
    expect(Object.keys(missing)).toHaveLength(2);
  });

  it('leave no English in zh-CN', () => {
    const english = new Map(pairs(EN_TERMS));
    for (const [key, word] of pairs(ZH_CN_TERMS)) {
      expect(word, key).not.toBe(english.get(key));
      expect(word, key).toMatch(/\p{Script=Han}/u);
    }
  });

  it("use the vendor's zh-CN term wherever its table names the English one", () => {
    const vendor = vendorTable();
    expect(vendor.get('attention required')).toBe('需要注意');
    const zh = new Map(pairs(ZH_CN_TERMS));
    const named = pairs(EN_TERMS).filter(([, word]) => vendor.has(word.toLowerCase()));
    // Attention required, System confirmation, N/A, Device groups, Exception at least.
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const [key, word] of named) expect(zh.get(key), key).toBe(vendor.get(word.toLowerCase()));
  });

  it("put them under a surface's message keys", () => {
    expect(termKeys('priority', EN_TERMS.priority)).toEqual({
      'priority.High': 'High',
      'priority.Medium': 'Medium',
      'priority.Low': 'Low',
    });
  });
});
