import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { type Identity, sasSignature, tokenErrorBody } from './identity.ts';
import {
  activityJson,
  deltaRowJson,
  exposureRowJson,
  guidOf,
  machineJson,
  machineReferenceJson,
  recommendationJson,
  type Tenant,
} from './tenant.ts';

/** The endpoints the stand-in serves, by name (fault switches and call counts use these). */
export type Endpoint =
  | 'metadata'
  | 'keys'
  | 'token'
  | 'recommendations'
  | 'remediationTasks'
  | 'machineReferences'
  | 'machines'
  | 'exportJson'
  | 'exportFiles'
  | 'exportDelta'
  | 'download';

export interface StandInFaults {
  /** HTTP 429 with `Retry-After` on the given call (1-based) of an endpoint. */
  throttle?: readonly {
    readonly endpoint: Endpoint;
    readonly call: number;
    readonly retryAfterSeconds?: number;
  }[];
  /** HTTP 503 on the first call of each endpoint listed. */
  serverErrorOnce?: readonly Endpoint[];
  /** The connection is reset on the first call of each endpoint listed (a download: halfway through its body). */
  resetOnce?: readonly Endpoint[];
  /** The first call of each endpoint listed gets no answer at all (the client's timeout must end it). */
  stallOnce?: readonly Endpoint[];
  /** Each access token is refused after this many API calls made with it (a token "expired mid-run"). */
  tokenValidForCalls?: number;
  /** The first N via-files listings hand out SAS links that have already expired. */
  expiredSasListings?: number;
}

/** The documented limits, per endpoint family, enforced when `enforceRateLimits` is on. */
const LIMITS: Partial<Record<Endpoint, readonly (readonly [number, number])[]>> = {
  exportFiles: [
    [5, 60_000],
    [20, 3_600_000],
  ],
  exportJson: [
    [30, 60_000],
    [1000, 3_600_000],
  ],
  exportDelta: [
    [30, 60_000],
    [1000, 3_600_000],
  ],
  machines: [
    [100, 60_000],
    [1500, 3_600_000],
  ],
  recommendations: [[100, 60_000]],
  remediationTasks: [[100, 60_000]],
  machineReferences: [[100, 60_000]],
};

const ROLE_OF: Partial<Record<Endpoint, readonly string[]>> = {
  recommendations: ['SecurityRecommendation.Read.All'],
  remediationTasks: ['RemediationTasks.Read.All'],
  machineReferences: ['RemediationTasks.Read.All'],
  machines: ['Machine.Read.All', 'Machine.ReadWrite.All'],
  exportJson: ['Vulnerability.Read.All'],
  exportFiles: ['Vulnerability.Read.All'],
  exportDelta: ['Vulnerability.Read.All'],
};

export interface ServerConfig {
  readonly tenant: Tenant;
  readonly identity: Identity;
  readonly dir: string;
  readonly parts: number;
  readonly machinesPageSize: number;
  readonly generatedTime: Date;
  readonly now: () => Date;
  readonly tokenLifetimeSeconds: number;
  readonly advertisedTokenLifetimeSeconds: number;
  readonly enforceRateLimits: boolean;
  readonly log: ((line: string) => void) | undefined;
  faults: StandInFaults;
  origin: string;
}

export interface RequestRecord {
  readonly endpoint: Endpoint | 'unknown';
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

const JSON_TYPE =
  'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';
const MAX_RECORDS_KEPT = 10_000;

/** `2021-01-11/1101/`, the export's time path. */
export const timePathOf = (d: Date): string =>
  `${d.toISOString().slice(0, 10)}/${d.toISOString().slice(11, 13)}${d.toISOString().slice(14, 16)}/`;

export class StandInServer {
  readonly config: ServerConfig;
  readonly requests: RequestRecord[] = [];
  private readonly callCounts = new Map<Endpoint, number>();
  private readonly windows = new Map<Endpoint, number[]>();
  private readonly sasKey = randomBytes(32);
  private readonly exportGuid: string;
  private readonly partFiles = new Map<number, Promise<string>>();
  private listings = 0;
  private served = 0;
  tokensIssued = 0;

  constructor(config: ServerConfig) {
    this.config = config;
    this.exportGuid = guidOf(config.tenant.seed, Math.floor(config.generatedTime.getTime() / 60_000));
  }

  calls(endpoint: Endpoint): number {
    return this.callCounts.get(endpoint) ?? 0;
  }

  private record(r: RequestRecord): void {
    if (this.requests.length >= MAX_RECORDS_KEPT) this.requests.shift();
    this.requests.push(r);
    this.config.log?.(`${r.method} ${r.path} ${r.status}`);
  }

  /** The node `request` handler. */
  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`stand-in error: ${(e as Error).message}`);
      } else res.destroy();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.config.origin);
    const path = url.pathname;
    const lower = path.toLowerCase().replace(/\/+$/, '');
    const tenant = this.config.identity.tenantId.toLowerCase();
    const method = req.method ?? 'GET';
    const done = (endpoint: RequestRecord['endpoint']) => (status: number) =>
      this.record({ endpoint, method, path, status });

    if (lower === `/${tenant}/v2.0/.well-known/openid-configuration` && method === 'GET') {
      return this.metadata(res, done('metadata'));
    }
    if (lower === `/${tenant}/discovery/v2.0/keys` && method === 'GET') {
      return send(res, 200, this.config.identity.jwks(), 'application/json; charset=utf-8', done('keys'));
    }
    if (lower === `/${tenant}/oauth2/v2.0/token`) {
      if (method !== 'POST') return send(res, 405, '', 'text/plain', done('token'));
      return this.token(req, res, done('token'));
    }
    if (path.startsWith('/tvm-export/')) return this.download(url, res, done('download'));

    const api = /^\/api(?:\/v1\.0)?(\/.*)$/.exec(lower)?.[1];
    const endpoint: Endpoint | null =
      api === '/recommendations'
        ? 'recommendations'
        : api === '/remediationtasks'
          ? 'remediationTasks'
          : api !== undefined && /^\/remediationtasks\/[^/]+\/machinereferences$/.test(api)
            ? 'machineReferences'
            : api === '/machines'
              ? 'machines'
              : api === '/machines/softwarevulnerabilitiesbymachine'
                ? 'exportJson'
                : api === '/machines/softwarevulnerabilitiesexport'
                  ? 'exportFiles'
                  : api === '/machines/softwarevulnerabilitychangesbymachine'
                    ? 'exportDelta'
                    : null;
    if (endpoint === null || method !== 'GET') {
      const status = endpoint === null ? 404 : 405;
      return sendApiError(
        res,
        status,
        status === 404 ? 'NotFound' : 'BadRequest',
        `No route for ${method} ${path}`,
        done('unknown'),
      );
    }
    const finish = done(endpoint);
    if (this.fault(endpoint, res, finish)) return;
    const check = this.config.identity.check(
      req.headers.authorization,
      this.config.now(),
      this.config.faults.tokenValidForCalls,
    );
    if ('refused' in check) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendApiError(res, 401, 'Unauthorized', check.refused, finish);
    }
    const needed = ROLE_OF[endpoint] ?? [];
    if (needed.length > 0 && !needed.some((r) => check.roles.includes(r))) {
      return sendApiError(
        res,
        403,
        'Forbidden',
        `The application does not have any of the required application roles (${needed.join(', ')}) to access the resource.`,
        finish,
      );
    }
    const q = lowerQuery(url);
    switch (endpoint) {
      case 'recommendations':
        return this.list(
          res,
          '$metadata#Recommendations',
          this.config.tenant.recommendations.map((r) => recommendationJson(this.config.tenant, r)),
          q,
          finish,
        );
      case 'remediationTasks': {
        // Dates hang off the export's time, so the same tenant always answers the same bytes.
        const now = this.config.generatedTime;
        return this.list(
          res,
          '$metadata#RemediationTasks',
          this.config.tenant.activities.map((a) => activityJson(this.config.tenant, a, now)),
          q,
          finish,
        );
      }
      case 'machineReferences': {
        const id = decodeURIComponent(path.split('/').slice(-2)[0] ?? '');
        return this.machineReferences(res, id, finish);
      }
      case 'machines':
        return this.machines(res, q, finish);
      case 'exportJson':
        return this.exportPage(res, q, finish);
      case 'exportFiles':
        return this.exportFiles(res, q, finish);
      case 'exportDelta':
        return this.deltaPage(res, q, finish);
    }
  }

  /** Fault switches and enforced limits; true when the request was answered by a fault. */
  private fault(endpoint: Endpoint, res: ServerResponse, finish: (s: number) => void): boolean {
    const n = (this.callCounts.get(endpoint) ?? 0) + 1;
    this.callCounts.set(endpoint, n);
    const f = this.config.faults;
    if (f.resetOnce?.includes(endpoint) && n === 1 && endpoint !== 'download') {
      finish(0);
      res.socket?.destroy();
      return true;
    }
    if (f.stallOnce?.includes(endpoint) && n === 1) {
      finish(0);
      return true;
    }
    if (f.serverErrorOnce?.includes(endpoint) && n === 1) {
      sendApiError(res, 503, 'ServiceUnavailable', 'The service is temporarily unavailable.', finish);
      return true;
    }
    const throttle = f.throttle?.find((t) => t.endpoint === endpoint && t.call === n);
    if (throttle) {
      res.setHeader('retry-after', String(throttle.retryAfterSeconds ?? 1));
      sendApiError(
        res,
        429,
        'TooManyRequests',
        'API calls quota exceeded! Retry after the time given in the Retry-After header.',
        finish,
      );
      return true;
    }
    const limits = this.config.enforceRateLimits ? LIMITS[endpoint] : undefined;
    if (limits) {
      const now = Date.now();
      const log = this.windows.get(endpoint) ?? [];
      const longest = Math.max(...limits.map(([, w]) => w));
      while (log.length > 0 && (log[0] ?? 0) <= now - longest) log.shift();
      for (const [max, window] of limits) {
        const inWindow = log.filter((t) => t > now - window);
        if (inWindow.length >= max) {
          const wait = Math.ceil(((inWindow[0] ?? now) + window - now) / 1000);
          res.setHeader('retry-after', String(Math.max(1, wait)));
          sendApiError(
            res,
            429,
            'TooManyRequests',
            `API calls quota exceeded! Maximum allowed calls: ${max} per ${window / 1000} seconds.`,
            finish,
          );
          return true;
        }
      }
      log.push(now);
      this.windows.set(endpoint, log);
    }
    return false;
  }

  private metadata(res: ServerResponse, finish: (s: number) => void): void {
    const base = `${this.config.origin}/${this.config.identity.tenantId}`;
    const body = {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.config.origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'tid',
        'ver',
        'roles',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
    send(res, 200, JSON.stringify(body), 'application/json; charset=utf-8', finish);
  }

  private async token(req: IncomingMessage, res: ServerResponse, finish: (s: number) => void): Promise<void> {
    if (this.fault('token', res, finish)) return;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const now = this.config.now();
    const endpoint = `${this.config.origin}/${this.config.identity.tenantId}/oauth2/v2.0/token`;
    const result = this.config.identity.grant(
      form,
      endpoint,
      {
        lifetimeSeconds: this.config.tokenLifetimeSeconds,
        advertisedSeconds: this.config.advertisedTokenLifetimeSeconds,
      },
      now,
    );
    if ('error' in result) {
      return send(res, result.status, tokenErrorBody(result, now), 'application/json; charset=utf-8', finish);
    }
    this.tokensIssued++;
    send(
      res,
      200,
      JSON.stringify({
        token_type: 'Bearer',
        expires_in: result.expiresIn,
        ext_expires_in: result.expiresIn,
        access_token: result.accessToken,
      }),
      'application/json; charset=utf-8',
      finish,
    );
  }

  /** A small collection with `$top`/`$skip`, no `@odata.nextLink` (the caller pages). */
  private list(
    res: ServerResponse,
    context: string,
    rows: readonly string[],
    q: Map<string, string>,
    finish: (s: number) => void,
  ): void {
    const top = intParam(q.get('$top'), 10_000);
    const skip = intParam(q.get('$skip'), 0);
    if (top === null || skip === null || top > 10_000) {
      sendApiError(
        res,
        400,
        'ODataError',
        'Invalid OData URI query: $top must be between 0 and 10000, $skip a whole number.',
        finish,
      );
      return;
    }
    const page = rows.slice(skip, skip + top);
    const body = `{"@odata.context":"${this.config.origin}/api/${context}","value":[${page.join(',')}]}`;
    send(res, 200, body, JSON_TYPE, finish);
  }

  private machineReferences(
    res: ServerResponse,
    id: string,
    finish: (s: number) => void,
  ): Promise<void> | void {
    const t = this.config.tenant;
    const activity = t.activities.find((a) => a.id.toLowerCase() === id.toLowerCase());
    if (!activity)
      return sendApiError(res, 404, 'ResourceNotFound', `Remediation task ${id} was not found`, finish);
    const groups = activity.groups;
    const rec = activity.recommendation.index;
    function* rows(): Generator<string> {
      for (let i = 0; i < t.size.devices; i++) {
        const d = t.device(i);
        if (t.exposedTo(d, rec) && (groups === null || groups.includes(d.group.name)))
          yield machineReferenceJson(d);
      }
    }
    return streamJson(res, `${this.config.origin}/api/$metadata#MachineReferences`, rows(), null, finish);
  }

  private machines(
    res: ServerResponse,
    q: Map<string, string>,
    finish: (s: number) => void,
  ): Promise<void> | void {
    const t = this.config.tenant;
    const max = this.config.machinesPageSize;
    const topGiven = q.has('$top');
    const top = intParam(q.get('$top'), max);
    const skip = intParam(q.get('$skip'), 0);
    if (top === null || skip === null || top > 10_000) {
      return sendApiError(
        res,
        400,
        'ODataError',
        'Invalid OData URI query: $top must be between 0 and 10000.',
        finish,
      );
    }
    const size = Math.min(top, max);
    const end = Math.min(t.size.devices, skip + size);
    const now = this.config.generatedTime;
    const from = skip;
    function* rows(): Generator<string> {
      for (let i = from; i < end; i++) yield machineJson(t, t.device(i), now);
    }
    const next = !topGiven && end < t.size.devices ? `${this.config.origin}/api/machines?$skip=${end}` : null;
    return streamJson(res, `${this.config.origin}/api/$metadata#Machines`, rows(), next, finish);
  }

  /** Where part p starts in the export (global record index). */
  private partStart(p: number): number {
    return Math.floor((p * this.config.tenant.size.exposures) / this.config.parts);
  }

  private skipToken(fileIndex: number, line: number, time: Date): string {
    const token = JSON.stringify({
      ExportDefinition: { TimePath: timePathOf(time) },
      ExportFileIndex: fileIndex,
      LineStoppedAt: line,
    });
    return Buffer.from(token).toString('base64');
  }

  private readSkipToken(raw: string | undefined): { file: number; line: number } | null | 'bad' {
    if (raw === undefined) return null;
    try {
      const t = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as {
        ExportFileIndex?: unknown;
        LineStoppedAt?: unknown;
      };
      if (typeof t.ExportFileIndex !== 'number' || typeof t.LineStoppedAt !== 'number') return 'bad';
      return { file: t.ExportFileIndex, line: t.LineStoppedAt };
    } catch {
      return 'bad';
    }
  }

  /** `SoftwareVulnerabilitiesByMachine`: pages read from the export's files, as the vendor's skiptoken says. */
  private exportPage(
    res: ServerResponse,
    q: Map<string, string>,
    finish: (s: number) => void,
  ): Promise<void> | void {
    const t = this.config.tenant;
    const pageSize = intParam(q.get('pagesize'), 50_000);
    const top = q.has('$top') ? intParam(q.get('$top'), 0) : undefined;
    if (pageSize === null || pageSize < 1 || pageSize > 200_000 || top === null) {
      return sendApiError(
        res,
        400,
        'InvalidInput',
        `Invalid input pageSize: must be between 1 and 200000.`,
        finish,
      );
    }
    const token = this.readSkipToken(q.get('$skiptoken'));
    if (token === 'bad') return sendApiError(res, 400, 'InvalidInput', 'Invalid input $skiptoken.', finish);
    const start = token === null ? 0 : this.partStart(token.file) + token.line;
    const total = t.size.exposures;
    const count = top !== undefined ? Math.min(top, total - start) : Math.min(pageSize, total - start);
    const end = start + Math.max(0, count);
    const seenAt = this.config.generatedTime;
    function* rows(): Generator<string> {
      for (let g = start; g < end; g++) {
        const { device, row } = t.locate(g);
        yield exposureRowJson(t, t.device(device), row, seenAt);
      }
    }
    let next: string | null = null;
    if (top === undefined && end < total) {
      let file = 0;
      while (file + 1 < this.config.parts && this.partStart(file + 1) <= end) file++;
      const token = this.skipToken(file, end - this.partStart(file), this.config.generatedTime);
      next = `${this.config.origin}/api/machines/SoftwareVulnerabilitiesByMachine?pagesize=${pageSize}&$skiptoken=${token}`;
    }
    return streamJson(
      res,
      `${this.config.origin}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.AssetVulnerability)`,
      rows(),
      next,
      finish,
    );
  }

  private deltaPage(
    res: ServerResponse,
    q: Map<string, string>,
    finish: (s: number) => void,
  ): Promise<void> | void {
    const t = this.config.tenant;
    const raw = q.get('sincetime');
    if (raw === undefined || raw === '') {
      return sendApiError(res, 400, 'MissingRequiredParameter', 'Parameter sinceTime is missing.', finish);
    }
    const since = new Date(raw);
    const now = this.config.now();
    if (Number.isNaN(since.getTime()))
      return sendApiError(res, 400, 'InvalidInput', `Invalid input sinceTime: ${raw}.`, finish);
    if (now.getTime() - since.getTime() > 14 * 86_400_000) {
      return sendApiError(
        res,
        400,
        'InvalidInput',
        `Invalid input sinceTime: ${raw}. The delta export covers at most the last 14 days.`,
        finish,
      );
    }
    const pageSize = intParam(q.get('pagesize'), 50_000);
    if (pageSize === null || pageSize < 1 || pageSize > 200_000) {
      return sendApiError(
        res,
        400,
        'InvalidInput',
        'Invalid input pageSize: must be between 1 and 200000.',
        finish,
      );
    }
    const token = this.readSkipToken(q.get('$skiptoken'));
    if (token === 'bad') return sendApiError(res, 400, 'InvalidInput', 'Invalid input $skiptoken.', finish);
    const start = token === null ? 0 : token.line;
    const total = t.size.deltaChanges;
    const end = Math.min(total, start + pageSize);
    function* rows(): Generator<string> {
      for (let c = start; c < end; c++) yield deltaRowJson(t, c, since, now);
    }
    const next =
      end < total
        ? `${this.config.origin}/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime=${encodeURIComponent(raw)}&pagesize=${pageSize}&$skiptoken=${this.skipToken(0, end, this.config.generatedTime)}`
        : null;
    return streamJson(
      res,
      `${this.config.origin}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.DeltaAssetVulnerability)`,
      rows(),
      next,
      finish,
    );
  }

  partName(p: number): string {
    return `part-${String(p).padStart(5, '0')}-${this.exportGuid}.c000.json.gz`;
  }

  private blobPath(p: number): string {
    return `/tvm-export/${timePathOf(this.config.generatedTime)}VaExport/json/OrgId=${this.config.identity.tenantId}/${this.partName(p)}`;
  }

  private exportFiles(res: ServerResponse, q: Map<string, string>, finish: (s: number) => void): void {
    const hours = q.has('sasvalidhours') ? intParam(q.get('sasvalidhours'), 1) : 1;
    if (hours === null || hours < 1 || hours > 6) {
      sendApiError(res, 400, 'InvalidInput', 'Invalid input sasValidHours: must be between 1 and 6.', finish);
      return;
    }
    this.listings++;
    const now = this.config.now();
    const expired = this.listings <= (this.config.faults.expiredSasListings ?? 0);
    const st = new Date(now.getTime() - (expired ? 3_600_000 : 0));
    const se = expired ? new Date(now.getTime() - 1000) : new Date(now.getTime() + hours * 3_600_000);
    const sasTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
    const files = Array.from({ length: this.config.parts }, (_, p) => {
      const path = this.blobPath(p);
      const sig = sasSignature(this.sasKey, path, sasTime(se));
      const query = `sv=2019-12-12&st=${encodeURIComponent(sasTime(st))}&se=${encodeURIComponent(sasTime(se))}&sr=b&sp=r&sig=${encodeURIComponent(sig)}`;
      return `${this.config.origin}${path}?${query}`;
    });
    const body = JSON.stringify({
      '@odata.context': `${this.config.origin}/api/$metadata#microsoft.windowsDefenderATP.api.ExportFilesResponse`,
      exportFiles: files,
      generatedTime: `${this.config.generatedTime.toISOString().slice(0, 19)}Z`,
    });
    send(res, 200, body, JSON_TYPE, finish);
  }

  /** Writes part p (gzip, one JSON record per line) to the stand-in's folder once; its path. */
  ensurePart(p: number): Promise<string> {
    let pending = this.partFiles.get(p);
    if (!pending) {
      pending = this.writePart(p);
      pending.catch(() => this.partFiles.delete(p));
      this.partFiles.set(p, pending);
    }
    return pending;
  }

  private async writePart(p: number): Promise<string> {
    const t = this.config.tenant;
    const folder = join(this.config.dir, 'export', timePathOf(this.config.generatedTime));
    await mkdir(folder, { recursive: true });
    const file = join(folder, this.partName(p));
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (exists) return file;
    const tmp = `${file}.${process.pid}.tmp`;
    const gzip = createGzip({ level: 1 });
    const out = createWriteStream(tmp);
    gzip.pipe(out);
    const from = this.partStart(p);
    const to = this.partStart(p + 1);
    const seenAt = this.config.generatedTime;
    let chunk = '';
    for (let g = from; g < to; g++) {
      const { device, row } = t.locate(g);
      chunk += `${exposureRowJson(t, t.device(device), row, seenAt)}\n`;
      if (chunk.length > 1 << 16) {
        if (!gzip.write(chunk)) await once(gzip, 'drain');
        chunk = '';
      }
    }
    gzip.end(chunk);
    await once(out, 'close');
    await rename(tmp, file);
    return file;
  }

  private async download(url: URL, res: ServerResponse, finish: (s: number) => void): Promise<void> {
    const n = (this.callCounts.get('download') ?? 0) + 1;
    this.callCounts.set('download', n);
    const f = this.config.faults;
    const storageError = (status: number, code: string, message: string, detail?: string) => {
      const requestId = randomUUID();
      const time = new Date().toISOString();
      const body =
        `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${time}</Message>` +
        (detail ? `<AuthenticationErrorDetail>${detail}</AuthenticationErrorDetail>` : '') +
        '</Error>';
      res.setHeader('x-ms-error-code', code);
      res.setHeader('x-ms-request-id', requestId);
      send(res, status, body, 'application/xml', finish);
    };
    const p = Array.from({ length: this.config.parts }, (_, i) => i).find(
      (i) => this.blobPath(i) === url.pathname,
    );
    const se = url.searchParams.get('se') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (p === undefined) {
      return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
    }
    if (sig !== sasSignature(this.sasKey, url.pathname, se) || url.searchParams.get('sp') !== 'r') {
      return storageError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        'Signature did not match. String to sign used was r',
      );
    }
    const now = this.config.now();
    if (new Date(se).getTime() <= now.getTime()) {
      return storageError(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
        `Signed expiry time [${new Date(se).toUTCString()}] must be after signed start time [${new Date(url.searchParams.get('st') ?? se).toUTCString()}] and current time [${now.toUTCString()}]`,
      );
    }
    // Download faults hit the first download that would otherwise succeed.
    this.served++;
    if (f.serverErrorOnce?.includes('download') && this.served === 1) {
      return storageError(503, 'ServerBusy', 'The server is busy.');
    }
    const file = await this.ensurePart(p);
    const size = (await stat(file)).size;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'x-ms-blob-type': 'BlockBlob',
      'last-modified': this.config.generatedTime.toUTCString(),
      etag: `"0x8D${this.exportGuid.slice(0, 13).replace(/-/g, '').toUpperCase()}"`,
    });
    const cut =
      f.resetOnce?.includes('download') && this.served === (f.serverErrorOnce?.includes('download') ? 2 : 1)
        ? Math.floor(size / 2)
        : undefined;
    const stream = createReadStream(file, cut === undefined ? {} : { end: Math.max(0, cut - 1) });
    stream.pipe(res, { end: cut === undefined });
    stream.on('error', () => res.destroy());
    await once(stream, 'close');
    if (cut !== undefined) {
      finish(0);
      res.socket?.destroy();
      return;
    }
    finish(200);
  }

  async removeFiles(): Promise<void> {
    await Promise.allSettled([...this.partFiles.values()]);
    await rm(join(this.config.dir, 'export'), { recursive: true, force: true });
  }
}

function lowerQuery(url: URL): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of url.searchParams) m.set(k.toLowerCase(), v);
  return m;
}

function intParam(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  finish: (s: number) => void,
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
  finish(status);
}

function sendApiError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  finish: (s: number) => void,
): void {
  send(
    res,
    status,
    JSON.stringify({ error: { code, message, target: randomUUID() } }),
    'application/json; charset=utf-8',
    finish,
  );
}

/** Resolves when a response can take more, or has gone (whichever first), leaving no listener behind. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const go = () => {
      res.off('drain', go);
      res.off('close', go);
      done();
    };
    res.on('drain', go);
    res.on('close', go);
  });
}

/** `{"@odata.context":…,"value":[rows…],"@odata.nextLink":…}` written as the rows are made, with backpressure. */
async function streamJson(
  res: ServerResponse,
  context: string,
  rows: Iterable<string>,
  nextLink: string | null,
  finish: (s: number) => void,
): Promise<void> {
  res.writeHead(200, { 'content-type': JSON_TYPE });
  let chunk = `{"@odata.context":${JSON.stringify(context)},"value":[`;
  let first = true;
  for (const row of rows) {
    chunk += first ? row : `,${row}`;
    first = false;
    if (chunk.length > 1 << 16) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drainOrClose(res);
      chunk = '';
    }
  }
  chunk += nextLink === null ? ']}' : `],"@odata.nextLink":${JSON.stringify(nextLink)}}`;
  res.end(chunk);
  finish(200);
}
