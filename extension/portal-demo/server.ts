/**
 * `npm run portal`: the portal's three pages (the test fixture, a small single-page app) on
 * 127.0.0.1, plus the sample vendor files to import from the popup. Load dist/extension-demo/ (the
 * only build whose content script also runs on 127.0.0.1) and open the printed address.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import {
  exposureExport,
  RECOMMENDATIONS,
  recommendationsJson,
  type SampleFile,
} from '../../test/fixtures/portal/sample-data.ts';

const repo = resolve(import.meta.dirname, '../..');
const page = await readFile(join(repo, 'test/fixtures/portal/portal.html'), 'utf8');
const day = 86_400_000;

/**
 * Sample files, in the order to import them: the recommendations; the first exposure export (the
 * via-files export: its listing and its part, chosen together); a newer export where Chrome is
 * fixed everywhere (R-DONE-1). Made once, when the demo starts.
 */
const imports: readonly (readonly SampleFile[])[] = [
  [{ name: 'recommendations.json', content: recommendationsJson() }],
  exposureExport('week1', { seenAt: new Date(Date.now() - day) }),
  exposureExport('week2-chrome-fixed', {
    seenAt: new Date(),
    fixed: new Set([RECOMMENDATIONS[0]?.id ?? '']),
  }),
];
const samples = new Map(imports.flat().map((f) => [f.name, f]));

const index = `<!doctype html><meta charset="utf-8"><title>Remediation Desk demo</title>
<h1>Remediation Desk portal demo</h1>
<ol><li>Load <code>dist/extension-demo/</code> as an unpacked extension (chrome://extensions, developer mode).</li>
<li>Download the sample files and import them from the extension's popup, one line at a time, choosing
the files of a line together (an export is its listing and its parts):
<ol>${imports
  .map(
    (files) =>
      `<li>${files.map((f) => `<a href="/samples/${f.name}" download>${f.name}</a>`).join(' and ')}</li>`,
  )
  .join('')}</ol> (import the last export after requesting remediation, to see an activity complete).</li>
<li>Open the portal pages: <a href="/tvm_dashboard">dashboard</a>,
<a href="/security-recommendations?recommendationId=va-_-google-_-chrome">a security recommendation</a>,
<a href="/remediation/remediation-activities">remediation</a>.</li></ol>`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const sample = url.pathname.startsWith('/samples/')
    ? samples.get(url.pathname.slice('/samples/'.length))
    : undefined;
  if (sample) {
    const json = typeof sample.content === 'string';
    res.writeHead(200, { 'content-type': json ? 'application/json; charset=utf-8' : 'application/gzip' });
    res.end(sample.content);
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
