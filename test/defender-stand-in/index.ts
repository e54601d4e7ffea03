import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ALL_ROLES, API_RESOURCE, Identity, thumbprintSha256 } from './identity.ts';
import { type Endpoint, type RequestRecord, type StandInFaults, StandInServer } from './server.ts';
import { guidOf, Tenant, type TenantSize } from './tenant.ts';

/**
 * A local stand-in for the Microsoft Defender for Endpoint API and for Microsoft Entra ID's token
 * endpoint, over real HTTPS on 127.0.0.1 with a self-signed certificate made when it starts.
 *
 *   const s = await startStandIn({ size: { devices: 500 } });
 *   // NODE_EXTRA_CA_CERTS=s.caPath, AZURE_AUTHORITY_HOST=s.url, AZURE_TENANT_ID=s.tenantId, …
 *   await s.close();
 *
 * See docs/pull.md ("Trying it without a tenant").
 */

export type { Endpoint, RequestRecord, StandInFaults, TenantSize };
export { ALL_ROLES, API_RESOURCE };

export interface StandInOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  readonly tenantId?: string;
  readonly seed?: number;
  readonly size?: Partial<TenantSize>;
  /** Files of the via-files export. Default: 8 from 1,000,000 records up, else 3. */
  readonly parts?: number;
  /** Machines per page of `GET /api/machines` (the vendor's is 10,000). */
  readonly machinesPageSize?: number;
  /** The exports' `generatedTime`. Default: the last 6-hour boundary before the start. */
  readonly generatedTime?: Date;
  /** The stand-in's clock (sinceTime checks, SAS expiry, token validity). */
  readonly now?: () => Date;
  /** How long an access token is really accepted. Default 3599 s. */
  readonly tokenLifetimeSeconds?: number;
  /** What `expires_in` tells the client. Default: the lifetime. */
  readonly advertisedTokenLifetimeSeconds?: number;
  /** Application permissions the three registered applications hold. Default: all five. */
  readonly roles?: readonly string[];
  /** The secret of the client-secret application. Default: random. */
  readonly clientSecret?: string;
  readonly faults?: StandInFaults;
  /** Answer 429 past the documented per-endpoint limits. Default off. */
  readonly enforceRateLimits?: boolean;
  /** Where its folder (certificates, token file, export parts) is made. Default: the OS temp folder. */
  readonly dir?: string;
  /** Called with one line per request (`GET /api/machines 200`). */
  readonly log?: (line: string) => void;
}

export interface StandInCredentials {
  readonly secret: { readonly clientId: string; readonly clientSecret: string };
  readonly certificate: {
    readonly clientId: string;
    /** PEM with the private key and the certificate (AZURE_CLIENT_CERTIFICATE_PATH). */
    readonly certificatePath: string;
    readonly thumbprintSha256: string;
  };
  readonly federated: { readonly clientId: string; readonly tokenFilePath: string };
}

export type AuthMode = 'secret' | 'certificate' | 'federated';

export interface StandIn {
  /** `https://127.0.0.1:PORT`: the API base (`/api/…`), the sign-in host and the storage host. */
  readonly url: string;
  /** `https://127.0.0.1:PORT/TENANT`, the msal authority. */
  readonly authority: string;
  readonly tenantId: string;
  /** The server's self-signed certificate (PEM): trust it with NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly ca: string;
  /** The stand-in's own folder (removed by close()). */
  readonly dir: string;
  readonly credentials: StandInCredentials;
  readonly tenant: Tenant;
  /** Fault switches; may be changed while it runs. */
  faults: StandInFaults;
  /** Calls answered per endpoint, faults included. */
  calls(endpoint: Endpoint): number;
  /** The last 10,000 requests. */
  readonly requests: readonly RequestRecord[];
  readonly tokensIssued: number;
  /** The environment for `remdesk pull` in one authentication mode. */
  env(mode: AuthMode): Record<string, string>;
  /** Grants (or takes away) application permissions of one application. */
  setRoles(clientId: string, roles: readonly string[]): void;
  /** Writes a new federated token to the token file and accepts only it from now on. */
  rotateFederatedToken(): Promise<string>;
  /** Writes every part of the via-files export now (they are otherwise made on first download). */
  prepareExport(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_SIZE: TenantSize = {
  devices: 500,
  recommendations: 40,
  exposures: 6000,
  activities: 12,
  deltaChanges: 200,
};

const SIX_HOURS = 6 * 3_600_000;

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 20261129;
  const devices = options.size?.devices ?? DEFAULT_SIZE.devices;
  const size: TenantSize = {
    devices,
    recommendations: options.size?.recommendations ?? DEFAULT_SIZE.recommendations,
    exposures: options.size?.exposures ?? devices * 12,
    activities: options.size?.activities ?? DEFAULT_SIZE.activities,
    deltaChanges: options.size?.deltaChanges ?? Math.max(10, Math.floor(devices / 2)),
  };
  const tenant = new Tenant(seed, size);
  const tenantId = options.tenantId ?? guidOf(seed, 1);
  const now = options.now ?? (() => new Date());
  const dir = await mkdtemp(join(options.dir ?? tmpdir(), 'defender-stand-in-'));
  try {
    const identity = new Identity(tenantId);
    const [tls, clientCert] = await Promise.all([
      generate([{ name: 'commonName', value: 'Defender API stand-in (127.0.0.1)' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              { type: 7, ip: host === 'localhost' ? '127.0.0.1' : host },
              { type: 2, value: 'localhost' },
            ],
          },
        ],
      }),
      generate([{ name: 'commonName', value: 'remdesk-pull' }], { keySize: 2048, algorithm: 'sha256' }),
    ]);
    const caPath = join(dir, 'stand-in-ca.pem');
    await writeFile(caPath, tls.cert);
    const certificatePath = join(dir, 'client-certificate.pem');
    await writeFile(certificatePath, `${clientCert.private}${clientCert.cert}`, { mode: 0o600 });
    const tokenFilePath = join(dir, 'federated-token');

    const roles = options.roles ?? ALL_ROLES;
    const clientSecret = options.clientSecret ?? `rdk~${randomBytes(24).toString('base64url')}`;
    const ids = { secret: guidOf(seed, 2), certificate: guidOf(seed, 3), federated: guidOf(seed, 4) };
    identity.register({ clientId: ids.secret, secret: clientSecret, roles });
    identity.register({ clientId: ids.certificate, certificatePem: clientCert.cert, roles });
    const federated = { clientId: ids.federated, roles, federatedAssertion: '' };
    identity.register(federated);
    const rotateFederatedToken = async (): Promise<string> => {
      // Shaped like a workload identity token (a JWT from the federated issuer); only its value is checked.
      const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const iat = Math.floor(now().getTime() / 1000);
      const value = `${b({ alg: 'RS256', typ: 'JWT', kid: 'stand-in' })}.${b({
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:contoso/remdesk-archive:ref:refs/heads/main',
        aud: 'api://AzureADTokenExchange',
        iat,
        exp: iat + 3600,
        jti: randomBytes(8).toString('hex'),
      })}.${randomBytes(64).toString('base64url')}`;
      await writeFile(tokenFilePath, value, { mode: 0o600 });
      federated.federatedAssertion = value;
      return value;
    };
    await rotateFederatedToken();

    const start = now();
    const generatedTime =
      options.generatedTime ?? new Date(Math.floor(start.getTime() / SIX_HOURS) * SIX_HOURS);
    const lifetime = options.tokenLifetimeSeconds ?? 3599;
    const server = new StandInServer({
      tenant,
      identity,
      dir,
      parts: Math.max(1, options.parts ?? (size.exposures >= 1_000_000 ? 8 : 3)),
      machinesPageSize: Math.min(10_000, Math.max(1, options.machinesPageSize ?? 10_000)),
      generatedTime,
      now,
      tokenLifetimeSeconds: lifetime,
      advertisedTokenLifetimeSeconds: options.advertisedTokenLifetimeSeconds ?? lifetime,
      enforceRateLimits: options.enforceRateLimits ?? false,
      log: options.log,
      faults: { ...(options.faults ?? {}) },
      origin: '',
    });
    const https: Server = createServer({ key: tls.private, cert: tls.cert, keepAlive: true }, server.handle);
    https.listen(options.port ?? 0, host);
    await new Promise<void>((done, fail) => {
      https.once('listening', done);
      https.once('error', fail);
    });
    const port = (https.address() as AddressInfo).port;
    const url = `https://${host}:${port}`;
    server.config.origin = url;
    const credentials: StandInCredentials = {
      secret: { clientId: ids.secret, clientSecret },
      certificate: {
        clientId: ids.certificate,
        certificatePath,
        thumbprintSha256: thumbprintSha256(clientCert.cert),
      },
      federated: { clientId: ids.federated, tokenFilePath },
    };
    let closed = false;
    return {
      url,
      authority: `${url}/${tenantId}`,
      tenantId,
      caPath,
      ca: tls.cert,
      dir,
      credentials,
      tenant,
      get faults() {
        return server.config.faults;
      },
      set faults(f: StandInFaults) {
        server.config.faults = f;
      },
      calls: (e) => server.calls(e),
      requests: server.requests,
      get tokensIssued() {
        return server.tokensIssued;
      },
      env(mode) {
        const common = {
          NODE_EXTRA_CA_CERTS: caPath,
          AZURE_TENANT_ID: tenantId,
          AZURE_AUTHORITY_HOST: url,
          REMDESK_DEFENDER_API: url,
        };
        if (mode === 'secret') {
          return { ...common, AZURE_CLIENT_ID: ids.secret, AZURE_CLIENT_SECRET: clientSecret };
        }
        if (mode === 'certificate') {
          return {
            ...common,
            AZURE_CLIENT_ID: ids.certificate,
            AZURE_CLIENT_CERTIFICATE_PATH: certificatePath,
          };
        }
        return { ...common, AZURE_CLIENT_ID: ids.federated, AZURE_FEDERATED_TOKEN_FILE: tokenFilePath };
      },
      setRoles(clientId, granted) {
        const c = identity.clients.get(clientId);
        if (!c) throw new Error(`no application ${clientId} in the stand-in`);
        c.roles = [...granted];
      },
      rotateFederatedToken,
      async prepareExport() {
        for (let p = 0; p < server.config.parts; p++) await server.ensurePart(p);
      },
      async close() {
        if (closed) return;
        closed = true;
        https.closeAllConnections();
        await new Promise<void>((done) => https.close(() => done()));
        await server.removeFiles();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
