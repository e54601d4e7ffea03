/** Builds the site once from the test archive, serves it, and drives it in Chromium. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { type StaticServer, serveSite } from '../../../cli/commands/serve.ts';
import type { Instant, State } from '../../../core/index.ts';
import { buildSite } from '../../../site/build/build-site.ts';
import { CHROMIUM_FLAGS } from '../../support/chromium.ts';
import { writeTestArchive } from './test-archive.ts';

export const BASE = '/reports/remediation/';

export interface SiteUnderTest {
  readonly state: State;
  readonly previous: State;
  readonly now: Instant;
  readonly out: string;
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Absolute URL of a site path: `url('en/activities/')`. */
  url(path?: string): string;
  close(): Promise<void>;
}

export async function startSite(): Promise<SiteUnderTest> {
  const tmp = await mkdtemp(join(tmpdir(), 'remdesk-site-'));
  const data = join(tmp, 'archive');
  const out = join(tmp, 'site');
  const { state, previous, now } = await writeTestArchive(data);
  await buildSite({ data, out, base: BASE, title: 'Contoso <remediation> & "status"' });
  const server = await serveSite(out, { base: BASE });
  const browser = await puppeteer.launch({
    headless: true,
    userDataDir: join(tmp, 'profile'),
    args: [...CHROMIUM_FLAGS],
  });
  return {
    state,
    previous,
    now,
    out,
    server,
    browser,
    url: (path = '') => `${server.url}${path}`,
    async close() {
      await browser.close();
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
