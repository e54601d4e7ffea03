import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createTokenSource, type TokenSource } from './auth.ts';
import type { PullConnection } from './config.ts';
import {
  PullApiError,
  PullAuthError,
  PullNetworkError,
  PullPermissionError,
  SasExpiredError,
  showUrl,
} from './errors.ts';
import type { EventSink, PullEvent } from './events.ts';
import {
  type Clock,
  DOCUMENTED_LIMITS,
  type Family,
  type Limit,
  RateLimiter,
  systemClock,
} from './limiter.ts';
import { storageErrorCode, vendorError } from './odata.ts';
import { backoffDelay, DEFAULT_RETRY, isServerError, type RetryPolicy, retryAfterMs } from './retry.ts';
import { asTransportError, readText, Transport, TransportError } from './transport.ts';

/** The application permission each family of endpoints needs (any one of those listed). */
export const PERMISSION_OF: Readonly<Record<Family, readonly string[]>> = {
  recommendations: ['SecurityRecommendation.Read.All'],
  remediation: ['RemediationTasks.Read.All'],
  machines: ['Machine.Read.All'],
  exportJson: ['Vulnerability.Read.All'],
  exportDelta: ['Vulnerability.Read.All'],
  exportFiles: ['Vulnerability.Read.All'],
  storage: [],
  signIn: [],
};

export interface DefenderClientOptions {
  readonly connection: PullConnection;
  /** Extra trusted certificate (PEM) beside the system's, e.g. a local stand-in's. */
  readonly ca?: string | undefined;
  readonly onEvent?: EventSink | undefined;
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Per-family limits replacing the documented ones (tests, or a tenant with other quotas). */
  readonly limits?: Partial<Record<Family, readonly Limit[]>> | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: (() => number) | undefined;
  /** Parallel connections (downloads run this many at most). */
  readonly maxSockets?: number | undefined;
}

/**
 * The HTTP side of a pull: every API request asks for a token first, is counted against its
 * family's rate limit, and is retried as the vendor's guidance says (401 once with a fresh token,
 * 429 after Retry-After, 5xx, resets and timeouts with bounded jittered backoff); storage
 * downloads carry no token at all.
 */
export class DefenderClient {
  readonly connection: PullConnection;
  private readonly transport: Transport;
  private readonly tokens: TokenSource;
  private readonly limiter: RateLimiter;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onEvent: EventSink | undefined;

  constructor(options: DefenderClientOptions) {
    this.connection = options.connection;
    this.retry = { ...DEFAULT_RETRY, ...(options.retry ?? {}) };
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
    this.transport = new Transport({
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      maxSockets: options.maxSockets ?? 8,
    });
    this.limiter = new RateLimiter({ ...DOCUMENTED_LIMITS, ...(options.limits ?? {}) }, this.clock);
    this.tokens = createTokenSource(options.connection, {
      transport: this.transport,
      retry: this.retry,
      clock: this.clock,
      random: this.random,
      onEvent: options.onEvent,
    });
  }

  /** The address of an API path (`/api/machines?…`) under the configured base. */
  apiUrl(pathAndQuery: string): string {
    return `${this.connection.api}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
  }

  /**
   * A link the API handed back (`@odata.nextLink`), made to point at the configured base: the
   * vendor writes its own host there, which would bypass a proxy or a regional host, and a bearer
   * token is only ever sent to the configured base.
   */
  follow(link: string): string {
    let url: URL;
    try {
      url = new URL(link, `${this.connection.api}/`);
    } catch {
      throw new PullApiError(`the API gave a next link that is not an address: ${link}`, 200, null);
    }
    const at = url.pathname.search(/\/api(\/|$)/i);
    if (at < 0) throw new PullApiError(`the API gave a next link outside /api: ${link}`, 200, null);
    return `${this.connection.api}${url.pathname.slice(at)}${url.search}`;
  }

  /** Tells the caller's event sink (fetchers report pages, listings and parts through this). */
  emit(event: PullEvent): void {
    this.onEvent?.(event);
  }

  /** Signs in now (to fail early, before any data is fetched). */
  async signIn(): Promise<void> {
    await this.tokens.token();
  }

  /** GET of an API address; the body as text. */
  async getText(url: string, family: Family): Promise<string> {
    const shown = showUrl(url);
    let failed = 0;
    let throttled = 0;
    let refreshed = false;
    let fresh = false;
    for (;;) {
      await this.limiter.acquire(family, (ms) => this.onEvent?.({ type: 'rate-limit', family, delayMs: ms }));
      const token = await this.tokens.token(fresh);
      fresh = false;
      let reason: string;
      let wait: number;
      try {
        const res = await this.transport.send(new URL(url), {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          timeoutMs: this.retry.timeoutMs,
        });
        if (res.status >= 200 && res.status < 300) return await readText(res.body);
        const text = await readText(res.body).catch(() => '');
        const vendor = vendorError(text);
        const said = vendor.message ? `: ${vendor.code ?? 'error'}: ${vendor.message}` : '';
        if (res.status === 401) {
          if (refreshed) {
            throw new PullAuthError(
              `the API refused a fresh access token too (HTTP 401${said}) for ${shown}; check the application's tenant and that the token is for ${this.connection.scope}`,
            );
          }
          refreshed = true;
          fresh = true;
          continue;
        }
        if (res.status === 403) throw this.forbidden(family, shown, vendor.message, said);
        if (res.status === 429) {
          throttled++;
          const after = retryAfterMs(res.headers['retry-after'], Date.now());
          wait = after ?? backoffDelay(throttled, this.retry, this.random);
          if (throttled > this.retry.throttles) {
            throw new PullNetworkError(`still throttled (HTTP 429) after ${throttled} tries: ${shown}`);
          }
          if (wait > this.retry.maxRetryAfterMs) {
            throw new PullNetworkError(
              `throttled (HTTP 429): the API asks to wait ${Math.round(wait / 1000)} s, more than the ${Math.round(this.retry.maxRetryAfterMs / 1000)} s allowed: ${shown}`,
            );
          }
          this.limiter.pause(family, wait);
          reason = `HTTP 429${after === null ? '' : `, Retry-After ${Math.round(after / 1000)} s`}`;
        } else if (isServerError(res.status)) {
          failed++;
          if (failed >= this.retry.attempts) {
            throw new PullNetworkError(
              `the API kept failing (HTTP ${res.status}${said}) after ${failed} tries: ${shown}`,
            );
          }
          wait = backoffDelay(failed, this.retry, this.random);
          reason = `HTTP ${res.status}`;
        } else {
          throw new PullApiError(
            `the API answered HTTP ${res.status}${said} for ${shown}`,
            res.status,
            vendor.code,
          );
        }
      } catch (e) {
        const t = asTransportError(e);
        if (!t) {
          if (e instanceof TypeError && /UTF-8/.test(e.message)) {
            throw new PullApiError(`the API's answer is not valid UTF-8: ${shown}`, 200, null);
          }
          throw e;
        }
        failed++;
        if (failed >= this.retry.attempts) {
          throw new PullNetworkError(`cannot get ${shown}: ${t.code} ${t.message} (${failed} tries)`, {
            cause: t,
          });
        }
        wait = backoffDelay(failed, this.retry, this.random);
        reason = `${t.code} ${t.message}`;
      }
      this.onEvent?.({
        type: 'retry',
        family,
        url: shown,
        attempt: failed + throttled,
        reason,
        delayMs: wait,
      });
      await this.clock.sleep(wait);
    }
  }

  private forbidden(
    family: Family,
    shown: string,
    message: string | null,
    said: string,
  ): PullPermissionError {
    // The vendor names the roles in its message: "… required application roles (A, B) …".
    const named = /\(([A-Za-z.]+(?:\s*,\s*[A-Za-z.]+)*)\)/.exec(message ?? '')?.[1];
    const permissions = named ? named.split(',').map((p) => p.trim()) : PERMISSION_OF[family];
    const which = permissions.join(' or ');
    return new PullPermissionError(
      `permission missing: the application needs the application permission ${which} of the WindowsDefenderATP API, with admin consent (HTTP 403${said}) for ${shown}`,
      permissions,
    );
  }

  /**
   * Downloads a SAS link (no token: the link is the credential) to `file`, streaming. A 403
   * AuthenticationFailed is a SasExpiredError (the caller fetches a new listing); resets, timeouts
   * and 5xx are retried, each try starting the file again. Returns the bytes written.
   */
  async download(url: string, file: string): Promise<number> {
    const shown = showUrl(url);
    let failed = 0;
    for (;;) {
      let reason: string;
      try {
        const res = await this.transport.send(new URL(url), { timeoutMs: this.retry.downloadTimeoutMs });
        if (res.status === 200) {
          let bytes = 0;
          const count = new Transform({
            transform(chunk: Buffer, _enc, done) {
              bytes += chunk.length;
              done(null, chunk);
            },
          });
          await pipeline(res.body, count, createWriteStream(file));
          const expected = res.headers['content-length'];
          if (!res.body.complete || (expected !== undefined && Number(expected) !== bytes)) {
            throw new TransportError(
              'ECONNRESET',
              `the download was cut short (${bytes} of ${expected ?? '?'} bytes)`,
            );
          }
          return bytes;
        }
        const text = await readText(res.body).catch(() => '');
        const code = storageErrorCode(text, res.headers['x-ms-error-code']);
        if (res.status === 403 && code === 'AuthenticationFailed') {
          throw new SasExpiredError(
            `the storage refused the download link (HTTP 403 AuthenticationFailed): ${shown}`,
          );
        }
        if (isServerError(res.status) || res.status === 429) {
          reason = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
          failed++;
          if (failed >= this.retry.attempts) {
            throw new PullNetworkError(
              `the storage kept failing (${reason}) after ${failed} tries: ${shown}`,
            );
          }
        } else {
          throw new PullApiError(
            `the storage answered HTTP ${res.status}${code ? ` ${code}` : ''} for ${shown}`,
            res.status,
            code,
          );
        }
      } catch (e) {
        const t = asTransportError(e);
        if (!t) throw e;
        failed++;
        if (failed >= this.retry.attempts) {
          throw new PullNetworkError(`cannot download ${shown}: ${t.code} ${t.message} (${failed} tries)`, {
            cause: t,
          });
        }
        reason = `${t.code} ${t.message}`;
      }
      const wait = backoffDelay(failed, this.retry, this.random);
      this.onEvent?.({
        type: 'retry',
        family: 'storage',
        url: shown,
        attempt: failed,
        reason,
        delayMs: wait,
      });
      await this.clock.sleep(wait);
    }
  }

  close(): void {
    this.transport.close();
  }
}
