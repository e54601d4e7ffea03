/**
 * `npm run portal`: the portal's three pages (the test fixture, a small single-page app) on
 * 127.0.0.1, plus the sample vendor files to import from the popup. Load dist/extension-demo/ (the
 * only build whose content script also runs on 127.0.0.1) and open the printed address.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import {
  exposuresJson,
  RECOMMENDATIONS,
  recommendationsJson,
} from '../../test/fixtures/portal/sample-data.ts';

const repo = resolve(import.meta.dirname, '../..');
const page = await readFile(join(repo, 'test/fixtures/portal/portal.html'), 'utf8');
const day = 86_400_000;

/** Sample files: the first export, and a newer one where Chrome is fixed everywhere (R-DONE-1). */
const samples: Record<string, () => string> = {
  'recommendations.json': () => recommendationsJson(),
  'exposures-1.json': () => exposuresJson({ seenAt: new Date(Date.now() - day) }),
  'exposures-2-chrome-fixed.json': () =>
    exposuresJson({ seenAt: new Date(), fixed: new Set([RECOMMENDATIONS[0]?.id ?? '']) }),
};

const index = `<!doctype html><meta charset="utf-8"><title>Remediation Desk demo</title>
<h1>Remediation Desk portal demo</h1>
<ol><li>Load <code>dist/extension-demo/</code> as an unpacked extension (chrome://extensions, developer mode).</li>
<li>Download the sample files and import them, in this order, from the extension's popup:
<ul>${Object.keys(samples)
  .map((n) => `<li><a href="/samples/${n}" download>${n}</a></li>`)
  .join('')}</ul> (import the second export after requesting remediation, to see an activity complete).</li>
<li>Open the portal pages: <a href="/tvm_dashboard">dashboard</a>,
<a href="/security-recommendations?recommendationId=va-_-google-_-chrome">a security recommendation</a>,
<a href="/remediation/remediation-activities">remediation</a>.</li></ol>`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const sample = url.pathname.startsWith('/samples/')
    ? samples[url.pathname.slice('/samples/'.length)]
    : undefined;
  if (sample) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(sample());
  } else if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(index);
  } else if (url.pathname === '/favicon.ico') {
    res.writeHead(404).end();
  } else {
    // Every other path is one of the SPA's routes, as on the real portal.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  }
});

const port = Number(process.env.PORT ?? 8787);
server.listen(port, '127.0.0.1', () => {
  console.log(`Portal demo: http://127.0.0.1:${port}/  (load dist/extension-demo/ in Chromium first)`);
});
