/**
 * What can go wrong fetching from the Defender API, as errors that carry `remdesk pull`'s exit
 * code: 4 authentication or permission, 5 network or throttling after the retries (and answers of
 * the API that no retry can fix). Every message is passed through `redact` when it is made, so a
 * secret, a token or a SAS signature never reaches output, a log or an error.
 */

export const PULL_EXIT = { auth: 4, network: 5 } as const;

const secrets = new Set<string>();

/** Remembers a secret (a client secret, a federated token) so that `redact` hides it everywhere. */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.trim().length >= 4) secrets.add(value.trim());
}

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // PEM private keys.
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, '[private key]'],
  // Bearer tokens and JWTs (access tokens, client assertions, federated tokens).
  [/\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]'],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[token]'],
  // SAS signatures and OAuth form fields.
  [
    /(^|[?&\s"'])((?:sig|client_secret|client_assertion|access_token|code)=)[^&#\s"'<>]+/gim,
    '$1$2[redacted]',
  ],
  [/("(?:client_secret|client_assertion|access_token|refresh_token)"\s*:\s*")[^"]*"/gi, '$1[redacted]"'],
];

/** `text` with every registered secret and anything shaped like a credential taken out. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join('[secret]');
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}

/** A URL as it may be shown: a SAS link keeps its path and expiry, never its signature. */
export function showUrl(url: string): string {
  return redact(url);
}

export abstract class PullError extends Error {
  abstract readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(redact(message), options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Sign-in refused, a credential that cannot be read, a token the API keeps refusing: exit 4. */
export class PullAuthError extends PullError {
  override readonly name = 'PullAuthError';
  readonly exitCode = PULL_EXIT.auth;
}

/** The application lacks an application permission (HTTP 403): exit 4, naming the permission. */
export class PullPermissionError extends PullError {
  override readonly name = 'PullPermissionError';
  readonly exitCode = PULL_EXIT.auth;
  /** The application permissions that would allow the call (any one of them). */
  readonly permissions: readonly string[];
  constructor(message: string, permissions: readonly string[]) {
    super(message);
    this.permissions = permissions;
  }
}

/** Connections that failed, timeouts, 5xx and throttling that outlasted the retries: exit 5. */
export class PullNetworkError extends PullError {
  override readonly name = 'PullNetworkError';
  readonly exitCode = PULL_EXIT.network;
}

/** An answer of the API that retrying cannot change (a 400, a 404, a body that is not JSON): exit 5. */
export class PullApiError extends PullError {
  override readonly name = 'PullApiError';
  readonly exitCode = PULL_EXIT.network;
  readonly status: number;
  /** The vendor's error code (`InvalidInput`, `ResourceNotFound`, …) when it sent one. */
  readonly code: string | null;
  constructor(message: string, status: number, code: string | null) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A SAS download link that Azure Storage no longer accepts (403 AuthenticationFailed): fetch a new listing. */
export class SasExpiredError extends PullError {
  override readonly name = 'SasExpiredError';
  readonly exitCode = PULL_EXIT.network;
}

export const isPullError = (e: unknown): e is PullError => e instanceof PullError;
