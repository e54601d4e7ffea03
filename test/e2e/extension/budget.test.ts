/**
 * The content script is injected into every portal page: its weight is held to its budget on the
 * build `npm test` makes before the tests (`npm run build:extension`).
 */
import { describe, expect, it } from 'vitest';
import { BUDGETS, contentScriptWeight, kb } from '../../support/weights.ts';
import { CHROME_BUILD, FIREFOX_BUILD } from './harness.ts';

describe('the built extension', () => {
  it.each([CHROME_BUILD, FIREFOX_BUILD])('%s: the content script stays within 40 kB gzip', async (build) => {
    const weight = await contentScriptWeight(build);
    expect(weight).toBeGreaterThan(1024);
    expect(weight, kb(weight)).toBeLessThanOrEqual(BUDGETS.contentScriptGzip);
  });
});
