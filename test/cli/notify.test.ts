/**
 * `remdesk notify` as a nightly job runs it: the real process, posting to a local HTTPS server that
 * stands in for a Teams Workflows webhook, trusted through NODE_EXTRA_CA_CERTS as a user would.
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunResult, remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 60_000 });

interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

const TOKEN = 'sig-Zq8Hw2PXf0-secret-token';
let data: string;
let server: Server;
let caPath: string;
let url: string;
/** What the stand-in answers, in turn; the last answer repeats. */
let answers: { status: number; body: string; headers?: Record<string, string> }[] = [];
let received: Received[] = [];

beforeAll(async () => {
  const dir = await tempDir('notify');
  const tls = await generate([{ name: 'commonName', value: 'webhook stand-in' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  caPath = join(dir, 'ca.pem');
  await writeFile(caPath, tls.cert);
  server = createServer({ key: tls.private, cert: tls.cert }, (req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body,
      });
      const answer = answers.length > 1 ? (answers.shift() as (typeof answers)[number]) : answers[0];
      res
        .writeHead(answer?.status ?? 500, { 'content-type': 'text/plain', ...answer?.headers })
        .end(answer?.body ?? '');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  url = `https://127.0.0.1:${port}/workflows/a1b2c3/triggers/manual/paths/invoke?api-version=1&sig=${TOKEN}`;
  data = await smallArchive('notify');
}, 120_000);

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

beforeEach(() => {
  received = [];
});

const notify = (args: readonly string[], env: Record<string, string> = {}) =>
  remdesk(['notify', '--data', data, ...args], undefined, { NODE_EXTRA_CA_CERTS: caPath, ...env });

/** Nothing of the address, its secret above all, in what the command printed. */
function expectNoSecret(r: RunResult): void {
  const printed = r.stdout + r.stderr;
  expect(printed).not.toContain(TOKEN);
  expect(printed).not.toContain('a1b2c3');
  expect(printed).not.toContain(new URL(url).host);
}

type Card = {
  type: string;
  attachments: {
    contentType: string;
    content: { type: string; version: string; body: { text?: string }[] };
  }[];
};

describe('remdesk notify', () => {
  it('posts the Adaptive Card to the address in REMDESK_WEBHOOK, in the language asked', async () => {
    answers = [{ status: 202, body: '' }];
    const r = await notify(['--lang', 'zh-cn'], { REMDESK_WEBHOOK: url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^posted the digest of snapshot \S+ \(zh-cn\) to the webhook: HTTP 202\n$/);
    expectNoSecret(r);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/workflows/a1b2c3/triggers/manual/paths/invoke?api-version=1&sig=${TOKEN}`);
    expect(request?.contentType).toBe('application/json; charset=utf-8');
    const card = JSON.parse(request?.body ?? '') as Card;
    expect(card.type).toBe('message');
    expect(card.attachments.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
    const content = card.attachments[0]?.content;
    expect([content?.type, content?.version]).toEqual(['AdaptiveCard', '1.5']);
    expect(content?.body[0]?.text).toMatch(/^修正摘要 · \d{4}-\d{2}-\d{2}$/);
  });

  it('tries again after a 500 and takes --webhook too', async () => {
    answers = [
      { status: 500, body: 'busy' },
      { status: 200, body: '1' },
    ];
    const r = await notify(['--webhook', url]);
    expect(r.code, r.stderr).toBe(0);
    expect(received).toHaveLength(2);
    expect(received[1]?.body).toBe(received[0]?.body);
    expect((JSON.parse(received[1]?.body ?? '') as Card).attachments[0]?.content.body[0]?.text).toMatch(
      /^Remediation summary · /,
    );
    expect(r.stderr).toMatch(/the webhook: HTTP 500: busy; trying again in \d+\.\d s/);
    expectNoSecret(r);
  });

  it('waits as long as a 429 asks, then posts again', async () => {
    answers = [
      { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
      { status: 202, body: '' },
    ];
    const started = Date.now();
    const r = await notify([], { REMDESK_WEBHOOK: url });
    expect(r.code, r.stderr).toBe(0);
    expect(received).toHaveLength(2);
    expect(r.stderr).toContain('the webhook: HTTP 429: slow down; trying again in 1.0 s');
    expect(Date.now() - started).toBeGreaterThan(1000);
    expectNoSecret(r);
  });

  it('fails clearly on a 400: exit 5, the status and the first line of the answer', async () => {
    answers = [{ status: 400, body: `Bad card for ${url}\nsecond line` }];
    const r = await notify([], { REMDESK_WEBHOOK: url });
    expect(r.code).toBe(5);
    expect(received).toHaveLength(1);
    expect(r.stderr).toMatch(/^remdesk notify: the webhook did not take the card: HTTP 400: Bad card for /m);
    expect(r.stderr).not.toContain('second line');
    expect(r.stdout).toBe('');
    expectNoSecret(r);
  });

  it('says a webhook it cannot reach without its address, after its tries', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const gone = `https://127.0.0.1:${port}/workflows/a1b2c3/invoke?sig=${TOKEN}`;
    const r = await notify([], { REMDESK_WEBHOOK: gone });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/did not take the card: no answer \(connect ECONNREFUSED/);
    expect(r.stderr.match(/trying again/g)).toHaveLength(3);
    expect(r.stdout + r.stderr).not.toContain(String(port));
    expectNoSecret(r);
  });

  it('refuses a missing, plain-http or malformed address as a usage error, never echoing it', async () => {
    const none = await notify([], { REMDESK_WEBHOOK: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no webhook: set REMDESK_WEBHOOK/);
    for (const bad of [url.replace('https:', 'http:'), `${TOKEN}:://`]) {
      const r = await notify(['--webhook', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the webhook address (must start with https|is not a URL)/);
      expectNoSecret(r);
    }
    const positional = await notify([url]);
    expect(positional.code).toBe(2);
    expectNoSecret(positional);
    expect(received).toEqual([]);
  });
});
