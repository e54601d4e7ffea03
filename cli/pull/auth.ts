import { readFile } from 'node:fs/promises';
import type {
  ConfidentialClientApplication,
  Configuration,
  INetworkModule,
  NetworkRequestOptions,
  NetworkResponse,
} from '@azure/msal-node';
import type { PullConnection } from './config.ts';
import { PullAuthError, PullNetworkError, redact, registerSecret } from './errors.ts';
import type { EventSink } from './events.ts';
import type { Clock } from './limiter.ts';
import { backoffDelay, isServerError, type RetryPolicy, retryAfterMs } from './retry.ts';
import { asTransportError, drain, readText, type Transport } from './transport.ts';

/**
 * Access tokens for the Defender API from Microsoft Entra ID, through @azure/msal-node's
 * ConfidentialClientApplication (client-credentials flow) with one of three credentials: a client
 * secret; a certificate (msal signs a PS256 assertion carrying the SHA-256 thumbprint, and x5c
 * when asked); a federated token read from its file for every sign-in (workload identity, CI
 * OIDC: the file is rewritten before the token in it expires).
 *
 * `token()` is called before every API request: msal answers from its cache until the token nears
 * expiry. `token(true)` skips the cache, after the API refused a token (401).
 */
export interface TokenSource {
  token(fresh?: boolean): Promise<string>;
}

export interface TokenSourceOptions {
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;
  readonly onEvent?: EventSink | undefined;
}

/**
 * msal-node, loaded at the first sign-in: imported with the command line, it was a tenth of a
 * second of every command's start, `remdesk report` included.
 */
const msal = () => import('@azure/msal-node');

export function createTokenSource(connection: PullConnection, options: TokenSourceOptions): TokenSource {
  const network = new MsalNetwork(options);
  const cred = connection.credential;
  let fileFailure: PullAuthError | null = null;
  const auth: Configuration['auth'] = {
    clientId: connection.clientId,
    authority: `${connection.authorityHost}/${connection.tenantId}`,
    knownAuthorities: [new URL(connection.authorityHost).host],
    ...(cred.kind === 'secret'
      ? { clientSecret: cred.secret }
      : cred.kind === 'certificate'
        ? {
            clientCertificate: {
              thumbprintSha256: cred.thumbprintSha256,
              privateKey: cred.privateKey,
              ...(cred.x5c !== undefined ? { x5c: cred.x5c } : {}),
            },
          }
        : {
            clientAssertion: async () => {
              try {
                const value = (await readFile(cred.tokenFile, 'utf8')).trim();
                if (value === '') throw new Error('the file is empty');
                registerSecret(value);
                return value;
              } catch (e) {
                fileFailure = new PullAuthError(
                  `cannot read the federated token file ${cred.tokenFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
                );
                throw fileFailure;
              }
            },
          }),
  };
  let app: Promise<ConfidentialClientApplication> | null = null;
  const signIn = () =>
    (app ??= msal().then(
      ({ ConfidentialClientApplication, LogLevel }) =>
        new ConfidentialClientApplication({
          auth,
          system: {
            networkClient: network,
            loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => {} },
          },
        }),
    ));
  let signedIn = false;
  return {
    async token(fresh = false) {
      network.failure = null;
      fileFailure = null;
      try {
        const result = await (await signIn()).acquireTokenByClientCredential({
          scopes: [connection.scope],
          skipCache: fresh,
        });
        if (!result?.accessToken) throw new PullAuthError('Microsoft Entra ID gave no access token');
        if (!signedIn || fresh) options.onEvent?.({ type: 'token', reason: signedIn ? 'refused' : 'first' });
        signedIn = true;
        return result.accessToken;
      } catch (e) {
        if (fileFailure) throw fileFailure;
        if (network.failure) throw network.failure;
        if (e instanceof PullAuthError || e instanceof PullNetworkError) throw e;
        // msal's own errors are worded from Entra's answer; msal-node that cannot load is said as such.
        throw signInError(
          e,
          connection,
          await msal().then(
            (m) => m.AuthError,
            () => null,
          ),
        );
      }
    },
  };
}

/** A sign-in failure in one line: Entra's error code and the first sentence of its AADSTS description. */
function signInError(
  e: unknown,
  c: PullConnection,
  AuthError: typeof import('@azure/msal-node').AuthError | null,
): PullAuthError {
  if (AuthError !== null && e instanceof AuthError) {
    // msal wraps Entra's description ("Error(s): 7000215 - Timestamp: … - Description: AADSTS…"):
    // keep the AADSTS sentence, without the trace and correlation ids.
    const text = e.errorMessage || e.message;
    const description =
      (/AADSTS\d+:[\s\S]*/.exec(text)?.[0] ?? text).split(/\s*(?:Trace ID:|- Correlation ID:)/)[0]?.trim() ??
      '';
    const code = e.errorCode ? `${e.errorCode}: ` : '';
    return new PullAuthError(
      `sign-in to ${c.authorityHost}/${c.tenantId} as application ${c.clientId} failed: ${code}${description}`,
      { cause: redact(String(e)) },
    );
  }
  return new PullAuthError(`sign-in failed: ${(e as Error).message ?? String(e)}`);
}

/**
 * msal's network module on our transport: the same trusted certificates and keep-alive agent as
 * the API calls, resets, timeouts, 5xx and 429 retried (bounded, logged). msal reads the JSON body.
 */
class MsalNetwork implements INetworkModule {
  /** Why the last request failed for good (a network failure, not an answer of Entra ID). */
  failure: PullNetworkError | null = null;
  private readonly o: TokenSourceOptions;

  constructor(options: TokenSourceOptions) {
    this.o = options;
  }

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const { retry, clock, random } = this.o;
    let failed = 0;
    let throttled = 0;
    const shown = redact(url);
    for (;;) {
      let reason: string;
      let wait: number;
      try {
        const res = await this.o.transport.send(new URL(url), {
          method,
          headers: options?.headers ?? {},
          ...(options?.body !== undefined ? { body: options.body } : {}),
          timeoutMs: timeout ?? retry.timeoutMs,
        });
        if (res.status === 429 && throttled < retry.throttles) {
          await drain(res.body);
          throttled++;
          wait =
            retryAfterMs(res.headers['retry-after'], Date.now()) ?? backoffDelay(throttled, retry, random);
          if (wait > retry.maxRetryAfterMs) return this.give(res.status, res.headers, '{}');
          reason = `HTTP 429`;
        } else if (isServerError(res.status) && failed + 1 < retry.attempts) {
          await drain(res.body);
          failed++;
          wait = backoffDelay(failed, retry, random);
          reason = `HTTP ${res.status}`;
        } else {
          const text = await readText(res.body);
          return this.give(res.status, res.headers, text);
        }
      } catch (e) {
        const t = asTransportError(e);
        if (!t) throw e;
        failed++;
        if (failed >= retry.attempts) {
          this.failure = new PullNetworkError(
            `cannot reach the sign-in endpoint ${shown}: ${t.code} ${t.message} (${failed} tries)`,
          );
          throw this.failure;
        }
        wait = backoffDelay(failed, retry, random);
        reason = `${t.code} ${t.message}`;
      }
      this.o.onEvent?.({
        type: 'retry',
        family: 'signIn',
        url: shown,
        attempt: failed + throttled,
        reason,
        delayMs: wait,
      });
      await clock.sleep(wait);
    }
  }

  private give<T>(status: number, headers: NodeJS.Dict<string | string[]>, text: string): NetworkResponse<T> {
    let body: unknown = {};
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      if (status >= 200 && status < 300) {
        this.failure = new PullNetworkError(
          `the sign-in endpoint answered ${status} with a body that is not JSON`,
        );
        throw this.failure;
      }
      body = { error: `http_${status}`, error_description: `the sign-in endpoint answered HTTP ${status}` };
    }
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    return { status, headers: flat, body: body as T };
  }
}
