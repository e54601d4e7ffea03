import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTaskIds,
  createTokenSource,
  DefenderClient,
  describeEvent,
  fetchExposureDelta,
  fetchExposureFiles,
  fetchExposurePages,
  fetchMachineReferences,
  fetchMachines,
  fetchRecommendations,
  fetchRemediationTasks,
  PullApiError,
  PullAuthError,
  type PullEvent,
  PullNetworkError,
  PullPermissionError,
  partLines,
  resolveConnection,
  systemClock,
  Transport,
  type VendorPage,
} from '../../cli/pull/index.ts';
import {
  ALL_ROLES,
  type AuthMode,
  type StandIn,
  type StandInOptions,
  startStandIn,
} from '../defender-stand-in/index.ts';
import { ROOT, run, tempDir } from './helpers.ts';

/**
 * remdesk pull's client pieces against the Defender API stand-in over real HTTPS: msal-node signs
 * in for real (nothing of it is mocked), every byte goes through TLS on 127.0.0.1.
 */

const FAST = { baseDelayMs: 20, maxDelayMs: 100 };

interface Harness {
  readonly client: DefenderClient;
  readonly events: PullEvent[];
  /** Every line the client logged (what a pull would print). */
  readonly lines: string[];
}

function connect(s: StandIn, mode: AuthMode = 'secret', env: Record<string, string> = {}): Harness {
  const events: PullEvent[] = [];
  const lines: string[] = [];
  const connection = resolveConnection({}, { ...s.env(mode), ...env });
  const client = new DefenderClient({
    connection,
    ca: s.ca,
    retry: FAST,
    onEvent: (e) => {
      events.push(e);
      lines.push(describeEvent(e));
    },
  });
  return { client, events, lines };
}

async function all(pages: AsyncIterable<VendorPage>): Promise<VendorPage[]> {
  const out: VendorPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const rowsOf = (page: VendorPage): { id: string }[] =>
  (JSON.parse(page.text) as { value: { id: string }[] }).value;

async function withStandIn<T>(options: StandInOptions, run: (s: StandIn) => Promise<T>): Promise<T> {
  const s = await startStandIn(options);
  try {
    return await run(s);
  } finally {
    await s.close();
  }
}

describe('sign-in with @azure/msal-node against the stand-in', () => {
  let s: StandIn;
  beforeAll(async () => {
    s = await startStandIn({ size: { devices: 120 } });
  });
  afterAll(async () => {
    await s.close();
  });

  for (const mode of ['secret', 'certificate', 'federated'] as const) {
    it(`signs in with a ${mode} credential and reads the API; msal's cache answers later requests`, async () => {
      const { client, events } = connect(s, mode);
      const before = s.tokensIssued;
      try {
        const pages = await all(fetchRecommendations(client));
        expect(pages).toHaveLength(1);
        expect(rowsOf(pages[0] as VendorPage)).toHaveLength(s.tenant.size.recommendations);
        await all(fetchRemediationTasks(client));
        await all(fetchMachines(client));
        expect(s.tokensIssued - before).toBe(1);
        expect(events.filter((e) => e.type === 'token')).toEqual([{ type: 'token', reason: 'first' }]);
      } finally {
        client.close();
      }
    });
  }

  it('sends the certificate chain (x5c) when asked', async () => {
    const { client } = connect(s, 'certificate', { AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: 'true' });
    try {
      const connection = client.connection;
      expect(connection.credential.kind === 'certificate' && connection.credential.x5c).toContain(
        'BEGIN CERTIFICATE',
      );
      await client.signIn();
    } finally {
      client.close();
    }
  });

  it('reads the federated token file again for each sign-in (a rotated token is used)', async () => {
    const env = s.env('federated');
    const transport = new Transport({ ca: s.ca });
    try {
      const tokens = createTokenSource(resolveConnection({}, env), {
        transport,
        retry: { ...resolveRetry() },
        clock: systemClock,
        random: Math.random,
      });
      await tokens.token();
      await s.rotateFederatedToken(); // the stand-in now accepts only the new file content
      const before = s.tokensIssued;
      await tokens.token(true);
      expect(s.tokensIssued).toBe(before + 1);
    } finally {
      transport.close();
    }
  });

  it('a wrong client secret is an authentication error (exit 4) that names Entra’s code, never the secret', async () => {
    const secret = 'definitely-wrong-secret-value-123';
    const { client, lines } = connect(s, 'secret', { AZURE_CLIENT_SECRET: secret });
    try {
      const e = await client.signIn().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PullAuthError);
      const err = e as PullAuthError;
      expect(err.exitCode).toBe(4);
      expect(err.message).toMatch(/invalid_client: AADSTS7000215: Invalid client secret provided/);
      expect(err.message).not.toMatch(/Trace ID/);
      for (const text of [err.message, String(err.stack), String(err.cause ?? ''), ...lines]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      client.close();
    }
  });

  it('a certificate the application does not have is refused (AADSTS700027), exit 4', async () => {
    const other = await generate([{ name: 'commonName', value: 'someone-else' }], {
      keySize: 2048,
      algorithm: 'sha256',
    });
    const dir = await tempDir('pull-cert');
    const path = join(dir, 'other.pem');
    await writeFile(path, `${other.private}${other.cert}`);
    const { client } = connect(s, 'certificate', { AZURE_CLIENT_CERTIFICATE_PATH: path });
    try {
      const e = await client.signIn().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PullAuthError);
      expect((e as PullAuthError).message).toMatch(/AADSTS700027/);
      expect((e as PullAuthError).message).not.toContain('PRIVATE KEY');
    } finally {
      client.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a federated token the application does not trust is refused (AADSTS70021)', async () => {
    const dir = await tempDir('pull-fed');
    const path = join(dir, 'token');
    const forged = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmV2aWwifQ.c2lnbmF0dXJl';
    await writeFile(path, forged);
    const { client, lines } = connect(s, 'federated', { AZURE_FEDERATED_TOKEN_FILE: path });
    try {
      const e = await client.signIn().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PullAuthError);
      expect((e as PullAuthError).message).toMatch(/AADSTS70021/);
      for (const text of [(e as Error).message, ...lines]) expect(text).not.toContain(forged);
    } finally {
      client.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing federated token file is an authentication error naming the file', async () => {
    const { client } = connect(s, 'federated', { AZURE_FEDERATED_TOKEN_FILE: '/nonexistent/token' });
    try {
      const e = await client.signIn().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PullAuthError);
      expect((e as PullAuthError).message).toMatch(
        /cannot read the federated token file \/nonexistent\/token: ENOENT/,
      );
    } finally {
      client.close();
    }
  });
});

function resolveRetry() {
  return {
    attempts: 3,
    baseDelayMs: 20,
    maxDelayMs: 100,
    throttles: 4,
    maxRetryAfterMs: 60_000,
    timeoutMs: 30_000,
    downloadTimeoutMs: 30_000,
  };
}

describe('paging, as the vendor pages', () => {
  let s: StandIn;
  beforeAll(async () => {
    s = await startStandIn({
      size: { devices: 300, exposures: 3500, activities: 25 },
      parts: 3,
      machinesPageSize: 100,
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('the JSON export: every page until the one without @odata.nextLink, with the vendor’s skiptoken', async () => {
    const { client } = connect(s);
    try {
      const pages = await all(fetchExposurePages(client, { pageSize: 1000 }));
      expect(pages).toHaveLength(4);
      expect(pages.slice(0, -1).every((p) => p.nextLink !== null)).toBe(true);
      expect(pages[3]?.nextLink).toBeNull();
      expect(pages.map((p) => rowsOf(p).length)).toEqual([1000, 1000, 1000, 500]);
      // The part boundaries are at 1166 and 2333: the first next link points into the first file.
      const token = new URL(pages[0]?.nextLink ?? '').searchParams.get('$skiptoken') ?? '';
      expect(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))).toEqual({
        ExportDefinition: { TimePath: expect.stringMatching(/^\d{4}-\d{2}-\d{2}\/\d{4}\/$/) },
        ExportFileIndex: 0,
        LineStoppedAt: 1000,
      });
      const second = JSON.parse(
        Buffer.from(
          new URL(pages[1]?.nextLink ?? '').searchParams.get('$skiptoken') ?? '',
          'base64',
        ).toString('utf8'),
      );
      expect(second).toMatchObject({ ExportFileIndex: 1, LineStoppedAt: 2000 - 1166 });
      // Pages and parts are the same export, row for row.
      const files = await fetchExposureFiles(client, { concurrency: 2 });
      try {
        expect(files.parts.map((p) => p.name)).toEqual(
          [0, 1, 2].map((i) =>
            expect.stringMatching(new RegExp(`^part-0000${i}-[0-9a-f-]{36}\\.c000\\.json\\.gz$`)),
          ),
        );
        const fromParts: string[] = [];
        for (const part of files.parts)
          for await (const line of partLines(part)) if (line) fromParts.push(JSON.parse(line).id);
        const fromPages = pages.flatMap((p) => rowsOf(p).map((r) => r.id));
        expect(fromParts).toHaveLength(3500);
        expect(fromParts).toEqual(fromPages);
        const listing = JSON.parse(files.listing.text);
        expect(listing['@odata.context']).toMatch(
          /#microsoft\.windowsDefenderATP\.api\.ExportFilesResponse$/,
        );
        expect(listing.generatedTime).toBe(files.generatedTime);
      } finally {
        await files.dispose();
      }
    } finally {
      client.close();
    }
  });

  it('machines follow @odata.nextLink; remediation activities page by $top/$skip; machine references of the Active ones', async () => {
    const { client } = connect(s);
    try {
      const machines = await all(fetchMachines(client));
      expect(machines.map((p) => rowsOf(p).length)).toEqual([100, 100, 100]);
      expect(machines.map((p) => p.nextLink === null)).toEqual([false, false, true]);
      const tasks = await all(fetchRemediationTasks(client, { pageSize: 10 }));
      expect(tasks.map((p) => rowsOf(p).length)).toEqual([10, 10, 5]);
      expect(tasks.map((p) => new URL(p.url).search)).toEqual([
        '?$top=10&$skip=0',
        '?$top=10&$skip=10',
        '?$top=10&$skip=20',
      ]);
      const ids = activeTaskIds(tasks);
      const allTasks = tasks.flatMap((p) => rowsOf(p) as unknown as { id: string; status: string }[]);
      expect(ids).toEqual(allTasks.filter((t) => t.status === 'Active').map((t) => t.id));
      const refs = [];
      for await (const r of fetchMachineReferences(client, ids)) refs.push(r);
      expect(refs.map((r) => r.taskId)).toEqual(ids);
      const first = JSON.parse(refs[0]?.page.text ?? '{}');
      expect(first['@odata.context']).toMatch(/#MachineReferences$/);
      expect(Object.keys(first.value[0] ?? {})).toEqual([
        'id',
        'computerDnsName',
        'osPlatform',
        'rbacGroupName',
      ]);
    } finally {
      client.close();
    }
  });

  it('the delta since a time within 14 days pages to the end; older is refused as the vendor does', async () => {
    const { client } = connect(s);
    try {
      const pages = await all(
        fetchExposureDelta(client, { sinceTime: new Date(Date.now() - 3 * 86_400_000), pageSize: 60 }),
      );
      expect(pages.map((p) => rowsOf(p).length).reduce((a, b) => a + b, 0)).toBe(s.tenant.size.deltaChanges);
      expect(pages[pages.length - 1]?.nextLink).toBeNull();
      const statuses = new Set(
        pages.flatMap((p) => rowsOf(p) as unknown as { status: string }[]).map((r) => r.status),
      );
      expect([...statuses].sort()).toEqual(['Fixed', 'New', 'Updated']);
      const e = await all(
        fetchExposureDelta(client, { sinceTime: new Date(Date.now() - 15 * 86_400_000) }),
      ).catch((x) => x);
      expect(e).toBeInstanceOf(PullApiError);
      expect((e as PullApiError).status).toBe(400);
      expect((e as PullApiError).code).toBe('InvalidInput');
      expect((e as PullApiError).exitCode).toBe(5);
    } finally {
      client.close();
    }
  });

  it('a next link to the vendor’s own host is followed under the configured API base (the token goes nowhere else)', () => {
    const { client } = connect(s);
    try {
      expect(client.follow('https://api.securitycenter.microsoft.com/api/machines?$skip=10000')).toBe(
        `${s.url}/api/machines?$skip=10000`,
      );
    } finally {
      client.close();
    }
  });
});

describe('throttling and faults', () => {
  it('HTTP 429 waits for Retry-After, is logged, and the pages are complete', async () => {
    await withStandIn(
      {
        size: { devices: 100, exposures: 900 },
        faults: { throttle: [{ endpoint: 'exportJson', call: 2, retryAfterSeconds: 1 }] },
      },
      async (s) => {
        const { client, events, lines } = connect(s);
        try {
          const started = Date.now();
          const pages = await all(fetchExposurePages(client, { pageSize: 300 }));
          expect(pages.map((p) => rowsOf(p).length)).toEqual([300, 300, 300]);
          expect(Date.now() - started).toBeGreaterThanOrEqual(950);
          const retries = events.filter((e) => e.type === 'retry');
          expect(retries).toHaveLength(1);
          expect(retries[0]).toMatchObject({
            family: 'exportJson',
            reason: 'HTTP 429, Retry-After 1 s',
            delayMs: 1000,
          });
          expect(
            lines.some((l) =>
              /^retry exportJson: try 1 failed \(HTTP 429, Retry-After 1 s\); trying again in 1\.0 s/.test(l),
            ),
          ).toBe(true);
          expect(s.calls('exportJson')).toBe(4);
        } finally {
          client.close();
        }
      },
    );
  });

  it('a Retry-After longer than allowed ends the pull as throttled (exit 5)', async () => {
    await withStandIn(
      { faults: { throttle: [{ endpoint: 'machines', call: 1, retryAfterSeconds: 3600 }] } },
      async (s) => {
        const connection = resolveConnection({}, s.env('secret'));
        const client = new DefenderClient({
          connection,
          ca: s.ca,
          retry: { ...FAST, maxRetryAfterMs: 60_000 },
        });
        try {
          const e = await all(fetchMachines(client)).catch((x) => x);
          expect(e).toBeInstanceOf(PullNetworkError);
          expect((e as PullNetworkError).exitCode).toBe(5);
          expect((e as Error).message).toMatch(/throttled \(HTTP 429\): the API asks to wait 3600 s/);
        } finally {
          client.close();
        }
      },
    );
  });

  it('5xx once, a reset once, and a download cut halfway are retried with backoff and logged', async () => {
    await withStandIn(
      {
        size: { devices: 80 },
        faults: { serverErrorOnce: ['recommendations'], resetOnce: ['machines', 'download'] },
      },
      async (s) => {
        const { client, events } = connect(s);
        try {
          expect(await all(fetchRecommendations(client))).toHaveLength(1);
          expect(await all(fetchMachines(client))).toHaveLength(1);
          const files = await fetchExposureFiles(client, { concurrency: 1 });
          let lines = 0;
          for (const part of files.parts) for await (const l of partLines(part)) if (l) lines++;
          await files.dispose();
          expect(lines).toBe(s.tenant.size.exposures);
          const retries = events.filter(
            (e): e is Extract<PullEvent, { type: 'retry' }> => e.type === 'retry',
          );
          expect(retries.map((r) => r.family)).toEqual(['recommendations', 'machines', 'storage']);
          expect(retries[0]?.reason).toBe('HTTP 503');
          expect(retries[1]?.reason).toMatch(/^ECONNRESET/);
          expect(retries[2]?.reason).toMatch(/^ECONNRESET .*cut short|^ECONNRESET/);
          for (const r of retries) expect(r.delayMs).toBeLessThanOrEqual(100);
        } finally {
          client.close();
        }
      },
    );
  });

  it('a request that gets no answer times out and is tried again', async () => {
    await withStandIn({ faults: { stallOnce: ['recommendations'] } }, async (s) => {
      const events: PullEvent[] = [];
      const connection = resolveConnection({}, s.env('secret'));
      const client = new DefenderClient({
        connection,
        ca: s.ca,
        retry: { ...FAST, timeoutMs: 300 },
        onEvent: (e) => events.push(e),
      });
      try {
        expect(await all(fetchRecommendations(client))).toHaveLength(1);
        const retries = events.filter((e) => e.type === 'retry');
        expect(retries).toEqual([
          expect.objectContaining({ family: 'recommendations', reason: 'ETIMEDOUT no answer for 300 ms' }),
        ]);
        expect(s.calls('recommendations')).toBe(2);
      } finally {
        client.close();
      }
    });
  });

  it('a server that keeps failing ends in a network error (exit 5) after the bounded tries', async () => {
    await withStandIn({}, async (s) => {
      await s.close(); // nothing listens any more: every try is refused
      const connection = resolveConnection({}, s.env('secret'));
      const client = new DefenderClient({ connection, ca: s.ca, retry: { ...FAST, attempts: 3 } });
      try {
        const e = await client.signIn().catch((x) => x);
        expect(e).toBeInstanceOf(PullNetworkError);
        expect((e as PullNetworkError).exitCode).toBe(5);
        expect((e as Error).message).toMatch(/ECONNREFUSED.*\(3 tries\)/);
      } finally {
        client.close();
      }
    });
  });

  it('a token that expires mid-run (refused by the API) is replaced once and the run goes on', async () => {
    await withStandIn(
      { size: { devices: 100, exposures: 1000 }, faults: { tokenValidForCalls: 2 } },
      async (s) => {
        const { client, events } = connect(s);
        try {
          const pages = await all(fetchExposurePages(client, { pageSize: 200 }));
          expect(pages).toHaveLength(5);
          expect(
            events.filter((e) => e.type === 'token').map((e) => (e as { reason: string }).reason),
          ).toEqual(['first', 'refused', 'refused']);
          expect(s.requests.filter((r) => r.endpoint === 'exportJson' && r.status === 401)).toHaveLength(2);
          expect(s.tokensIssued).toBe(3);
        } finally {
          client.close();
        }
      },
    );
  });

  it('a token whose real lifetime is shorter than announced: the 401 brings a fresh one', async () => {
    await withStandIn({ tokenLifetimeSeconds: 2, advertisedTokenLifetimeSeconds: 3599 }, async (s) => {
      const { client, events } = connect(s);
      try {
        await all(fetchRecommendations(client));
        await new Promise((r) => setTimeout(r, 2100));
        await all(fetchRecommendations(client));
        expect(events.filter((e) => e.type === 'token')).toHaveLength(2);
        expect(s.requests.filter((r) => r.status === 401)).toHaveLength(1);
      } finally {
        client.close();
      }
    });
  });

  it('a token the API refuses even fresh is an authentication error (exit 4)', async () => {
    await withStandIn({ faults: { tokenValidForCalls: 0 } }, async (s) => {
      const { client } = connect(s);
      try {
        const e = await all(fetchRecommendations(client)).catch((x) => x);
        expect(e).toBeInstanceOf(PullAuthError);
        expect((e as PullAuthError).exitCode).toBe(4);
        expect((e as Error).message).toMatch(
          /refused a fresh access token too \(HTTP 401: Unauthorized: The token is expired\.\)/,
        );
      } finally {
        client.close();
      }
    });
  });

  it('an expired SAS link (403 AuthenticationFailed from the storage) brings a new listing; every part arrives', async () => {
    await withStandIn({ size: { devices: 90 }, parts: 3, faults: { expiredSasListings: 1 } }, async (s) => {
      const { client, events, lines } = connect(s);
      try {
        const files = await fetchExposureFiles(client, { concurrency: 2 });
        try {
          expect(files.parts).toHaveLength(3);
          expect(s.calls('exportFiles')).toBe(2);
          expect(
            s.requests.filter((r) => r.endpoint === 'download' && r.status === 403).length,
          ).toBeGreaterThanOrEqual(1);
          expect(events.some((e) => e.type === 'sas-expired')).toBe(true);
          expect(
            lines.some((l) => /download link of part-\d{5}-.* has expired; asking for a new listing/.test(l)),
          ).toBe(true);
          let n = 0;
          for (const part of files.parts) for await (const l of partLines(part)) if (l) n++;
          expect(n).toBe(s.tenant.size.exposures);
        } finally {
          await files.dispose();
        }
      } finally {
        client.close();
      }
    });
  });

  it('links that keep expiring end in a network error (exit 5) after three listings', async () => {
    await withStandIn({ faults: { expiredSasListings: 10 } }, async (s) => {
      const { client } = connect(s);
      try {
        const e = await fetchExposureFiles(client).catch((x) => x);
        expect(e).toBeInstanceOf(PullNetworkError);
        expect((e as Error).message).toMatch(/kept expiring .*\(3 listings\)/);
        expect(s.calls('exportFiles')).toBe(3);
      } finally {
        client.close();
      }
    });
  });

  it('the client-side limiter keeps the via-files export within 5 calls a minute', async () => {
    await withStandIn({ enforceRateLimits: true }, async (s) => {
      let now = 0;
      const waits: number[] = [];
      const clock = {
        now: () => now,
        sleep: async (ms: number) => {
          waits.push(ms);
          now += ms;
        },
      };
      const connection = resolveConnection({}, s.env('secret'));
      const client = new DefenderClient({ connection, ca: s.ca, retry: FAST, clock });
      try {
        for (let i = 0; i < 5; i++)
          await client.getText(client.apiUrl('/api/machines/SoftwareVulnerabilitiesExport'), 'exportFiles');
        expect(waits).toEqual([]);
        // The sixth call would be refused by the (enforcing) stand-in: the client waits out the minute instead.
        const limiter = (client as unknown as { limiter: { delay(f: string): number } }).limiter;
        expect(limiter.delay('exportFiles')).toBe(60_000);
      } finally {
        client.close();
      }
    });
  });
});

describe('permissions', () => {
  it('HTTP 403 names the missing application permission (exit 4)', async () => {
    const roles = ALL_ROLES.filter((r) => r !== 'Vulnerability.Read.All');
    await withStandIn({ roles }, async (s) => {
      const { client } = connect(s, 'certificate');
      try {
        await all(fetchRecommendations(client));
        const e = await all(fetchExposurePages(client)).catch((x) => x);
        expect(e).toBeInstanceOf(PullPermissionError);
        const err = e as PullPermissionError;
        expect(err.exitCode).toBe(4);
        expect(err.permissions).toEqual(['Vulnerability.Read.All']);
        expect(err.message).toMatch(
          /^permission missing: the application needs the application permission Vulnerability\.Read\.All of the WindowsDefenderATP API, with admin consent \(HTTP 403: Forbidden: /,
        );
        const files = await fetchExposureFiles(client).catch((x) => x);
        expect((files as PullPermissionError).permissions).toEqual(['Vulnerability.Read.All']);
      } finally {
        client.close();
      }
    });
  });

  it('each family names its own permission', async () => {
    await withStandIn({ roles: [] }, async (s) => {
      const { client } = connect(s);
      try {
        const named = async (pages: AsyncIterable<VendorPage>) =>
          ((await all(pages).catch((x) => x)) as PullPermissionError).permissions;
        expect(await named(fetchRecommendations(client))).toEqual(['SecurityRecommendation.Read.All']);
        expect(await named(fetchRemediationTasks(client))).toEqual(['RemediationTasks.Read.All']);
        expect(await named(fetchMachines(client))).toEqual(['Machine.Read.All', 'Machine.ReadWrite.All']);
      } finally {
        client.close();
      }
    });
  });
});

describe('secrets never appear', () => {
  it('not in the log of a run with retries, SAS expiry and a refused token, nor in its errors', async () => {
    await withStandIn(
      {
        size: { devices: 60 },
        faults: { expiredSasListings: 1, tokenValidForCalls: 3, serverErrorOnce: ['download'] },
      },
      async (s) => {
        const { client, lines } = connect(s);
        const secret = s.credentials.secret.clientSecret;
        try {
          await all(fetchRecommendations(client));
          await all(fetchMachines(client));
          const files = await fetchExposureFiles(client);
          const listing = JSON.parse(files.listing.text) as { exportFiles: string[] };
          const sigs = listing.exportFiles.map((u) => new URL(u).searchParams.get('sig') ?? '');
          await files.dispose();
          const e = await all(fetchExposureDelta(client, { sinceTime: new Date(0) })).catch((x) => x);
          const text = [...lines, (e as Error).message, String((e as Error).stack)].join('\n');
          expect(lines.some((l) => l.includes('sig=[redacted]'))).toBe(true);
          expect(text).not.toContain(secret);
          for (const sig of sigs) expect(text).not.toContain(sig);
          expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
          expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
        } finally {
          client.close();
        }
      },
    );
  });
});

describe('as a separate process, trusting the stand-in through NODE_EXTRA_CA_CERTS', () => {
  const probe = (env: Record<string, string>, args: string[] = []) =>
    run(process.execPath, ['--import', 'tsx', join(ROOT, 'test/defender-stand-in/pull-probe.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });

  it('fetches everything with each credential, trusting the stand-in only through NODE_EXTRA_CA_CERTS', async () => {
    await withStandIn(
      {
        size: { devices: 150 },
        faults: { throttle: [{ endpoint: 'machines', call: 1, retryAfterSeconds: 1 }] },
      },
      async (s) => {
        for (const mode of ['secret', 'certificate', 'federated'] as const) {
          const r = await probe(s.env(mode), ['--pages', '--via-files']);
          expect(r.stderr).not.toMatch(/pull-probe:/);
          expect(r.code).toBe(0);
          const summary = JSON.parse(r.stdout);
          expect(summary).toMatchObject({
            recommendationPages: 1,
            machinePages: 1,
            parts: 3,
            exposureLines: s.tenant.size.exposures,
          });
          expect(summary.lastHasNextLink).toBe(false);
          expect(r.stdout + r.stderr).not.toContain(s.credentials.secret.clientSecret);
        }
        expect(s.requests.filter((q) => q.status === 429)).toHaveLength(1);
      },
    );
  });

  it('exit codes: 4 for a refused sign-in, 4 for a missing permission, 5 when nothing answers', async () => {
    await withStandIn({ roles: ['SecurityRecommendation.Read.All'] }, async (s) => {
      const wrong = await probe({ ...s.env('secret'), AZURE_CLIENT_SECRET: 'not-the-secret-at-all' });
      expect(wrong.code).toBe(4);
      expect(wrong.stderr).toMatch(/AADSTS7000215/);
      expect(wrong.stderr).not.toContain('not-the-secret-at-all');
      const forbidden = await probe(s.env('secret'));
      expect(forbidden.code).toBe(4);
      expect(forbidden.stderr).toMatch(/permission missing: .*RemediationTasks\.Read\.All/);
      const env = s.env('secret');
      await s.close();
      const gone = await probe(env);
      expect(gone.code).toBe(5);
    });
  });
});
