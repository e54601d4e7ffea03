import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../args.ts';
import { resolveConnection } from './config.ts';
import { PullAuthError, redact, registerSecret } from './errors.ts';
import { describeEvent } from './events.ts';
import { deltaReaches } from './fetchers.ts';
import { type Clock, RateLimiter } from './limiter.ts';
import { nextLinkOf, topLevelString, vendorError } from './odata.ts';
import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from './retry.ts';

const BASE_ENV = {
  AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
  AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
};

describe('connection settings', () => {
  it('the public cloud by default: documented API host, sign-in host and scope', () => {
    const c = resolveConnection({}, { ...BASE_ENV, AZURE_CLIENT_SECRET: 's3cret-value' });
    expect(c).toMatchObject({
      cloud: 'public',
      authorityHost: 'https://login.microsoftonline.com',
      api: 'https://api.security.microsoft.com',
      scope: 'https://api.securitycenter.microsoft.com/.default',
      credential: { kind: 'secret', secret: 's3cret-value' },
    });
  });

  it('US government clouds and regions, by name', () => {
    const env = { ...BASE_ENV, AZURE_CLIENT_SECRET: 'x-secret' };
    expect(resolveConnection({ cloud: 'gcc' }, env)).toMatchObject({
      authorityHost: 'https://login.microsoftonline.com',
      api: 'https://api-gcc.securitycenter.microsoft.us',
      scope: 'https://api-gcc.securitycenter.microsoft.us/.default',
    });
    for (const cloud of ['gcc-high', 'dod']) {
      expect(resolveConnection({ cloud }, env)).toMatchObject({
        authorityHost: 'https://login.microsoftonline.us',
        api: 'https://api-gov.securitycenter.microsoft.us',
        scope: 'https://api-gov.securitycenter.microsoft.us/.default',
      });
    }
    expect(resolveConnection({ region: 'eu' }, env).api).toBe('https://eu.api.security.microsoft.com');
    expect(resolveConnection({ region: 'ina' }, env).scope).toBe(
      'https://api.securitycenter.microsoft.com/.default',
    );
    expect(() => resolveConnection({ region: 'eu', cloud: 'dod' }, env)).toThrow(UsageError);
    expect(() => resolveConnection({ cloud: 'moon' }, env)).toThrow(/--cloud must be/);
  });

  it('--api and the authority host override, https only; a flag wins over its variable', () => {
    const env = {
      ...BASE_ENV,
      AZURE_CLIENT_SECRET: 'x-secret',
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443/',
    };
    const c = resolveConnection({ api: 'https://proxy.example/defender/', 'tenant-id': 'other-tenant' }, env);
    expect(c.api).toBe('https://proxy.example/defender');
    expect(c.authorityHost).toBe('https://127.0.0.1:8443');
    expect(c.tenantId).toBe('other-tenant');
    expect(() => resolveConnection({ api: 'http://proxy.example' }, env)).toThrow(/https:\/\//);
  });

  it('missing or doubled settings are usage errors', () => {
    expect(() => resolveConnection({}, {})).toThrow(/no tenant/);
    expect(() => resolveConnection({}, { AZURE_TENANT_ID: 't' })).toThrow(/no application/);
    expect(() => resolveConnection({}, BASE_ENV)).toThrow(/no credential/);
    expect(() => resolveConnection({ certificate: 'a.pem', 'federated-token-file': 'b' }, BASE_ENV)).toThrow(
      /one credential/,
    );
  });

  it('a certificate file: key and certificate, thumbprint computed, key checked against the certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-cert-'));
    const a = await generate([{ name: 'commonName', value: 'a' }], { keySize: 2048, algorithm: 'sha256' });
    const b = await generate([{ name: 'commonName', value: 'b' }], { keySize: 2048, algorithm: 'sha256' });
    await writeFile(join(dir, 'a.pem'), `${a.private}${a.cert}`);
    await writeFile(join(dir, 'mixed.pem'), `${a.private}${b.cert}`);
    await writeFile(join(dir, 'key-only.pem'), a.private);
    const c = resolveConnection({}, { ...BASE_ENV, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, 'a.pem') });
    expect(c.credential).toMatchObject({
      kind: 'certificate',
      thumbprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect('x5c' in c.credential).toBe(false);
    const chained = resolveConnection(
      { certificate: join(dir, 'a.pem'), 'send-certificate-chain': true },
      BASE_ENV,
    );
    expect(chained.credential.kind === 'certificate' && chained.credential.x5c).toContain(
      'BEGIN CERTIFICATE',
    );
    expect(() => resolveConnection({ certificate: join(dir, 'mixed.pem') }, BASE_ENV)).toThrow(
      /does not belong/,
    );
    expect(() => resolveConnection({ certificate: join(dir, 'key-only.pem') }, BASE_ENV)).toThrow(
      /--certificate-thumbprint/,
    );
    const t = 'ab'.repeat(32);
    const k = resolveConnection(
      { certificate: join(dir, 'key-only.pem'), 'certificate-thumbprint': t.toUpperCase() },
      BASE_ENV,
    );
    expect(k.credential).toMatchObject({ kind: 'certificate', thumbprintSha256: t });
    expect(() => resolveConnection({ certificate: join(dir, 'none.pem') }, BASE_ENV)).toThrow(PullAuthError);
  });
});

describe('redaction', () => {
  it('hides registered secrets, bearer tokens, JWTs, SAS signatures and form secrets', () => {
    registerSecret('my-very-secret-value');
    const text = [
      'secret my-very-secret-value here',
      'Authorization: Bearer abc.def-ghi',
      'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      'https://x.blob.core.windows.net/p/part-00000.json.gz?sv=2019-12-12&se=2021-01-11T14%3A35%3A13Z&sr=b&sp=r&sig=abc%2Bdef%3D',
      'client_secret=hunter2&scope=x',
      '{"client_assertion":"zzz"}',
    ].join('\n');
    const out = redact(text);
    expect(out).not.toMatch(/my-very-secret-value|abc\.def-ghi|eyJhbGci|abc%2Bdef|hunter2|zzz/);
    expect(out).toContain('se=2021-01-11T14%3A35%3A13Z');
    expect(out).toContain('sig=[redacted]');
  });
});

describe('paging helpers', () => {
  it('finds the top-level @odata.nextLink, never one inside a record', () => {
    const page = JSON.stringify({
      '@odata.context': 'c',
      value: [{ '@odata.nextLink': 'inner', note: 'a "quoted" \\"@odata.nextLink\\": "x"' }],
      '@odata.nextLink': 'https://api/next?$skiptoken=eyJ+/=',
    });
    expect(nextLinkOf(page)).toBe('https://api/next?$skiptoken=eyJ+/=');
    expect(nextLinkOf(JSON.stringify({ value: [{ '@odata.nextLink': 'inner' }] }))).toBeNull();
    expect(nextLinkOf('\uFEFF{"value":[],"@odata.nextLink":null}')).toBeNull();
    expect(topLevelString('{"value":[] , "generatedTime" : "2021-01-11T11:01:00Z"}', 'generatedTime')).toBe(
      '2021-01-11T11:01:00Z',
    );
  });

  it('reads the vendor error shape', () => {
    expect(vendorError('{"error":{"code":"Forbidden","message":"m","target":"t"}}')).toEqual({
      code: 'Forbidden',
      message: 'm',
    });
    expect(vendorError('<html>')).toEqual({ code: null, message: null });
  });

  it('the delta reaches 14 days back at most (an hour kept in hand)', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(deltaReaches(new Date('2026-11-18T00:00:00Z'), now)).toBe(true);
    expect(deltaReaches(new Date('2026-11-17T00:30:00Z'), now)).toBe(false);
    expect(deltaReaches(new Date('2026-12-02T00:00:00Z'), now)).toBe(false);
  });
});

describe('retry policy', () => {
  it('backoff doubles to its cap, with jitter in [half, full]', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Tue, 01 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it('events read as one plain line', () => {
    expect(
      describeEvent({
        type: 'retry',
        family: 'exportJson',
        url: 'u',
        attempt: 1,
        reason: 'HTTP 429, Retry-After 3 s',
        delayMs: 3000,
      }),
    ).toBe('retry exportJson: try 1 failed (HTTP 429, Retry-After 3 s); trying again in 3.0 s: u');
  });
});

describe('rate limiter', () => {
  const fakeClock = () => {
    let now = 0;
    const slept: number[] = [];
    const clock: Clock = {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    };
    return { clock, slept, advance: (ms: number) => (now += ms) };
  };

  it('the via-files export: 5 a minute and 20 an hour', async () => {
    const { clock, slept } = fakeClock();
    const limiter = new RateLimiter(
      {
        exportFiles: [
          { calls: 5, perMs: 60_000 },
          { calls: 20, perMs: 3_600_000 },
        ],
      },
      clock,
    );
    for (let i = 0; i < 5; i++) await limiter.acquire('exportFiles');
    expect(slept).toEqual([]);
    await limiter.acquire('exportFiles');
    expect(slept).toEqual([60_000]);
    for (let i = 0; i < 14; i++) await limiter.acquire('exportFiles');
    // 20 calls made within the first 4 minutes: the 21st waits for the hour to turn.
    const before = clock.now();
    await limiter.acquire('exportFiles');
    expect(clock.now()).toBe(3_600_000);
    expect(clock.now() - before).toBeGreaterThan(60_000);
  });

  it('families are independent; a 429 pauses its family', async () => {
    const { clock, slept } = fakeClock();
    const limiter = new RateLimiter({ machines: [{ calls: 1, perMs: 1000 }] }, clock);
    await limiter.acquire('machines');
    await limiter.acquire('exportJson');
    expect(slept).toEqual([]);
    limiter.pause('exportJson', 5000);
    const waits: number[] = [];
    await limiter.acquire('exportJson', (ms) => waits.push(ms));
    expect(waits).toEqual([5000]);
  });
});
