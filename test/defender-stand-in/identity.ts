import {
  constants,
  createHash,
  createHmac,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
  timingSafeEqual,
  verify,
  X509Certificate,
} from 'node:crypto';

/**
 * The sign-in side of the stand-in: registered applications, the client-credentials grant as
 * Microsoft Entra ID answers it (errors as `{"error":…,"error_description":"AADSTS…"}`), and the
 * access tokens it issues (RS256 JWTs carrying the application's `roles`).
 */

export const ALL_ROLES = [
  'SecurityRecommendation.Read.All',
  'RemediationTasks.Read.All',
  'Machine.Read.All',
  'Vulnerability.Read.All',
  'Software.Read.All',
] as const;

/** The resource the Defender API's tokens are for (the "WindowsDefenderATP" application). */
export const API_RESOURCE = 'https://api.securitycenter.microsoft.com';

export interface RegisteredClient {
  readonly clientId: string;
  /** Client secret credential. */
  readonly secret?: string;
  /** Certificate credential: the public certificate (PEM) registered on the application. */
  readonly certificatePem?: string;
  /** Federated credential: the assertion value the federated identity provider issues. */
  federatedAssertion?: string;
  /** Application permissions granted (with admin consent). */
  roles: readonly string[];
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function decodeJwt(jwt: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signed: string;
  signature: Buffer;
} | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  try {
    return {
      header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>,
      payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
      signed: `${h}.${p}`,
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return null;
  }
}

/** An Entra-style token-endpoint error. */
export interface TokenError {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly description: string;
}

export function tokenErrorBody(e: TokenError, now: Date): string {
  const trace = randomUUID();
  const correlation = randomUUID();
  const stampText = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${stampText}`,
    error_codes: [e.code],
    timestamp: stampText,
    trace_id: trace,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
  });
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

export interface TokenPolicy {
  /** How long the token is really accepted, in seconds. */
  readonly lifetimeSeconds: number;
  /** What `expires_in` tells the client (defaults to the lifetime). */
  readonly advertisedSeconds: number;
}

export class Identity {
  readonly tenantId: string;
  readonly clients = new Map<string, RegisteredClient>();
  private readonly signingKey: KeyObject;
  readonly signingPublicKey: KeyObject;
  readonly keyId: string;
  /** Tokens the stand-in refuses before their `exp` (expired mid-run, or revoked after N calls). */
  private readonly useCount = new Map<string, number>();
  /** Assertion ids already redeemed (replay of a certificate assertion is refused). */
  private readonly seenJti = new Set<string>();

  constructor(tenantId: string) {
    this.tenantId = tenantId;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signingKey = privateKey;
    this.signingPublicKey = publicKey;
    this.keyId = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64url')
      .slice(0, 27);
  }

  register(client: RegisteredClient): void {
    this.clients.set(client.clientId, client);
  }

  jwks(): string {
    const jwk = this.signingPublicKey.export({ format: 'jwk' });
    return JSON.stringify({ keys: [{ ...jwk, kty: 'RSA', use: 'sig', kid: this.keyId, alg: 'RS256' }] });
  }

  /**
   * The client-credentials grant. `form` is the POSTed body; `tokenEndpoint` this endpoint's
   * address (a certificate assertion's `aud`). Returns a token or an Entra error.
   */
  grant(
    form: URLSearchParams,
    tokenEndpoint: string,
    policy: TokenPolicy,
    now: Date,
  ): IssuedToken | TokenError {
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        error: 'unsupported_grant_type',
        code: 70003,
        description: 'The app requested an unsupported grant type.',
      };
    }
    const clientId = form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client) {
      return {
        status: 400,
        error: 'unauthorized_client',
        code: 700016,
        description: `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`,
      };
    }
    const scope = form.get('scope') ?? '';
    const scopes = scope
      .split(' ')
      .filter((s) => s !== '' && s !== 'openid' && s !== 'profile' && s !== 'offline_access');
    if (scopes.length !== 1 || scopes[0] !== `${API_RESOURCE}/.default`) {
      return {
        status: 400,
        error: 'invalid_scope',
        code: 1002012,
        description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      };
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (client.secret === undefined || !sameText(secret, client.secret)) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 7000215,
          description:
            'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app ' +
            `'${clientId}'.`,
        };
      }
    } else if (assertion !== null) {
      if (form.get('client_assertion_type') !== JWT_BEARER) {
        return {
          status: 400,
          error: 'invalid_request',
          code: 90014,
          description: "The required field 'client_assertion_type' is missing from the credential.",
        };
      }
      const refused =
        client.certificatePem !== undefined
          ? this.checkCertificateAssertion(client, client.certificatePem, assertion, tokenEndpoint, now)
          : client.federatedAssertion !== undefined
            ? sameText(assertion, client.federatedAssertion)
              ? null
              : {
                  status: 400,
                  error: 'invalid_client',
                  code: 70021,
                  description: 'No matching federated identity record found for presented assertion.',
                }
            : {
                status: 401,
                error: 'invalid_client',
                code: 700027,
                description: 'Client assertion failed signature validation.',
              };
      if (refused) return refused;
    } else {
      return {
        status: 401,
        error: 'invalid_client',
        code: 7000218,
        description:
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      };
    }
    return this.issue(client, policy, now);
  }

  private checkCertificateAssertion(
    client: RegisteredClient,
    certificatePem: string,
    assertion: string,
    tokenEndpoint: string,
    now: Date,
  ): TokenError | null {
    const bad = (code: number, description: string): TokenError => ({
      status: 401,
      error: 'invalid_client',
      code,
      description,
    });
    const jwt = decodeJwt(assertion);
    if (!jwt) return bad(50027, 'JWT token is invalid or malformed.');
    const cert = new X509Certificate(certificatePem);
    const registered256 = createHash('sha256').update(cert.raw).digest('base64url');
    const registered1 = createHash('sha1').update(cert.raw).digest('base64url');
    const x5t256 = jwt.header['x5t#S256'];
    const x5t = jwt.header.x5t;
    if (x5t256 !== registered256 && x5t !== registered1) {
      return bad(
        700027,
        `Client assertion failed signature validation. The key was not found. Thumbprint of key used by client: '${String(x5t256 ?? x5t)}'.`,
      );
    }
    const alg = jwt.header.alg;
    const key = cert.publicKey;
    const data = Buffer.from(jwt.signed);
    const ok =
      alg === 'PS256'
        ? verify(
            'sha256',
            data,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
            jwt.signature,
          )
        : alg === 'RS256'
          ? verify('sha256', data, key, jwt.signature)
          : false;
    if (!ok) return bad(700027, 'Client assertion failed signature validation.');
    const p = jwt.payload;
    const seconds = Math.floor(now.getTime() / 1000);
    if (p.aud !== tokenEndpoint) {
      return bad(
        700024,
        `Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials.`,
      );
    }
    if (p.iss !== client.clientId || p.sub !== client.clientId) {
      return bad(700023, 'Client assertion issuer and subject must be the client id.');
    }
    if (typeof p.exp !== 'number' || p.exp < seconds - 300) {
      return bad(700024, 'Client assertion is not within its valid time range.');
    }
    if (typeof p.nbf === 'number' && p.nbf > seconds + 300) {
      return bad(700024, 'Client assertion is not within its valid time range.');
    }
    // msal reuses one assertion for up to ten minutes, so a repeated jti is normal; a jti is
    // only remembered to prove the assertion was a fresh one at least once.
    if (typeof p.jti === 'string') this.seenJti.add(p.jti);
    return null;
  }

  private issue(client: RegisteredClient, policy: TokenPolicy, now: Date): IssuedToken {
    const iat = Math.floor(now.getTime() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', kid: this.keyId };
    const payload = {
      aud: API_RESOURCE,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      iat,
      nbf: iat,
      exp: iat + policy.lifetimeSeconds,
      aio: b64url(randomUUID()),
      app_displayname: 'Remediation Desk (stand-in)',
      appid: client.clientId,
      appidacr: client.secret !== undefined ? '1' : '2',
      idp: `https://sts.windows.net/${this.tenantId}/`,
      oid: client.clientId,
      rh: '0.stand-in.',
      roles: [...client.roles],
      sub: client.clientId,
      tid: this.tenantId,
      uti: b64url(randomUUID()).slice(0, 22),
      ver: '1.0',
    };
    const signed = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = sign('sha256', Buffer.from(signed), this.signingKey).toString('base64url');
    return { accessToken: `${signed}.${signature}`, expiresIn: policy.advertisedSeconds };
  }

  /**
   * Checks a bearer token for an API call. `validForCalls` revokes a token after that many calls
   * (a deterministic "expired mid-run"). Returns the token's roles, or why it is refused.
   */
  check(
    authorization: string | undefined,
    now: Date,
    validForCalls: number | undefined,
  ): { roles: readonly string[]; appId: string } | { refused: string } {
    const m = /^Bearer (\S+)$/i.exec(authorization ?? '');
    if (!m?.[1]) return { refused: 'Authorization header is missing or is not a bearer token.' };
    const token = m[1];
    const jwt = decodeJwt(token);
    if (!jwt || jwt.header.kid !== this.keyId) return { refused: 'Invalid Authorization payload.' };
    if (!verify('sha256', Buffer.from(jwt.signed), this.signingPublicKey, jwt.signature)) {
      return { refused: 'Invalid Authorization payload.' };
    }
    const p = jwt.payload;
    if (p.aud !== API_RESOURCE || p.tid !== this.tenantId) return { refused: 'Invalid audience or tenant.' };
    if (typeof p.exp !== 'number' || p.exp * 1000 <= now.getTime())
      return { refused: 'The token is expired.' };
    if (validForCalls !== undefined) {
      const used = (this.useCount.get(token) ?? 0) + 1;
      this.useCount.set(token, used);
      if (used > validForCalls) return { refused: 'The token is expired.' };
    }
    const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [];
    return { roles, appId: String(p.appid ?? '') };
  }

  /** Certificate thumbprints a client presented (for tests). */
  get assertionsSeen(): number {
    return this.seenJti.size;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signed SAS-like query for a blob path: `sig` is an HMAC of the path and the expiry. */
export function sasSignature(key: Buffer, path: string, se: string): string {
  return createHmac('sha256', key).update(`${path}\n${se}`).digest('base64');
}

/** The SHA-256 thumbprint of a PEM certificate, as hex (what msal's `thumbprintSha256` takes). */
export function thumbprintSha256(certificatePem: string): string {
  return createHash('sha256').update(new X509Certificate(certificatePem).raw).digest('hex');
}
