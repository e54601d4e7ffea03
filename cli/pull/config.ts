import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../args.ts';
import { CLOUDS, type CloudName, isCloudName, isRegionName, REGIONS, type RegionName } from './clouds.ts';
import { PullAuthError, registerSecret } from './errors.ts';

/**
 * How `remdesk pull` signs in and where it connects, from the Azure SDKs' environment variables
 * and the command's flags (a flag wins over its variable).
 *
 * | what | flag | environment |
 * |---|---|---|
 * | tenant | --tenant-id | AZURE_TENANT_ID |
 * | application (client) id | --client-id | AZURE_CLIENT_ID |
 * | client secret | --client-secret-file (a file holding it) | AZURE_CLIENT_SECRET |
 * | certificate (PEM: private key, and the certificate unless --certificate-thumbprint) | --certificate | AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD) |
 * | send the certificate chain (x5c, for subject-name/issuer authentication) | --send-certificate-chain | AZURE_CLIENT_SEND_CERTIFICATE_CHAIN=true |
 * | federated token file (workload identity, CI OIDC) | --federated-token-file | AZURE_FEDERATED_TOKEN_FILE |
 * | cloud | --cloud public, gcc, gcc-high, dod | |
 * | regional API host (public cloud) | --region us, eu, uk, au, swa, ina | |
 * | sign-in host | --authority-host | AZURE_AUTHORITY_HOST |
 * | API base address | --api | REMDESK_DEFENDER_API |
 *
 * There is no flag for the secret itself: a command line is visible to every user of the machine.
 */

export type Credential =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'certificate';
      /** PKCS#8 PEM. */
      readonly privateKey: string;
      /** SHA-256 thumbprint of the certificate, hex. */
      readonly thumbprintSha256: string;
      /** The certificate chain (PEM) to send as x5c, when asked. */
      readonly x5c?: string;
      readonly path: string;
    }
  | { readonly kind: 'federated'; readonly tokenFile: string };

export interface PullConnection {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: Credential;
  readonly cloud: CloudName;
  /** `https://login.microsoftonline.com`, without a trailing slash. */
  readonly authorityHost: string;
  /** The API base, without a trailing slash: paths are `${api}/api/…`. */
  readonly api: string;
  /** `https://api.securitycenter.microsoft.com/.default` (or the cloud's). */
  readonly scope: string;
}

/** The options `remdesk pull` takes for this (merge into its parseArgs spec). */
export const CONNECTION_OPTIONS = {
  'tenant-id': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-file': { type: 'string' },
  certificate: { type: 'string' },
  'certificate-thumbprint': { type: 'string' },
  'send-certificate-chain': { type: 'boolean' },
  'federated-token-file': { type: 'string' },
  cloud: { type: 'string' },
  region: { type: 'string' },
  'authority-host': { type: 'string' },
  api: { type: 'string' },
} as const;

export const CONNECTION_HELP = `Sign-in (Microsoft Entra ID application, client-credentials flow; flags win over the environment):
  --tenant-id ID                 AZURE_TENANT_ID
  --client-id ID                 AZURE_CLIENT_ID (the application's id)
  one credential:
    AZURE_CLIENT_SECRET, or --client-secret-file FILE      a client secret
    --certificate PEM (AZURE_CLIENT_CERTIFICATE_PATH)       a certificate: the PEM holds the private key
        and the certificate (or give --certificate-thumbprint SHA256HEX); an encrypted key takes
        AZURE_CLIENT_CERTIFICATE_PASSWORD; --send-certificate-chain sends x5c
    --federated-token-file FILE (AZURE_FEDERATED_TOKEN_FILE) a federated token, read again for each sign-in
Where:
  --cloud public|gcc|gcc-high|dod   sign-in and API hosts of that cloud (default public)
  --region us|eu|uk|au|swa|ina      a regional API host of the public cloud
  --api URL                         any API base address (REMDESK_DEFENDER_API), e.g. a proxy
  --authority-host URL              any sign-in host (AZURE_AUTHORITY_HOST)`;

export type ConnectionFlags = Readonly<Partial<Record<keyof typeof CONNECTION_OPTIONS, string | boolean>>>;

const str = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function httpsBase(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${what} must be an https:// address, got "${raw}"`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`${what} must be an https:// address, got "${raw}"`);
  if (url.search !== '' || url.hash !== '')
    throw new UsageError(`${what} must have no query or fragment: "${raw}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Reads the connection; a missing or contradictory setting is a UsageError (exit 2). */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): PullConnection {
  const tenantId = str(flags['tenant-id']) ?? str(env.AZURE_TENANT_ID);
  const clientId = str(flags['client-id']) ?? str(env.AZURE_CLIENT_ID);
  if (!tenantId) throw new UsageError('no tenant: give --tenant-id or set AZURE_TENANT_ID');
  if (!/^[A-Za-z0-9.-]+$/.test(tenantId))
    throw new UsageError(`--tenant-id "${tenantId}" is not a tenant id or domain`);
  if (!clientId) throw new UsageError('no application: give --client-id or set AZURE_CLIENT_ID');

  const cloudRaw = str(flags.cloud) ?? 'public';
  if (!isCloudName(cloudRaw))
    throw new UsageError(`--cloud must be public, gcc, gcc-high or dod, got "${cloudRaw}"`);
  const cloud = CLOUDS[cloudRaw];
  const regionRaw = str(flags.region);
  let region: RegionName | undefined;
  if (regionRaw !== undefined) {
    if (!isRegionName(regionRaw))
      throw new UsageError(`--region must be us, eu, uk, au, swa or ina, got "${regionRaw}"`);
    if (cloud.name !== 'public')
      throw new UsageError(`--region is for the public cloud; ${cloud.name} has one API host`);
    region = regionRaw;
  }
  const apiRaw = str(flags.api) ?? str(env.REMDESK_DEFENDER_API);
  const api = apiRaw ? httpsBase(apiRaw, '--api') : region ? REGIONS[region] : cloud.api;
  const hostRaw = str(flags['authority-host']) ?? str(env.AZURE_AUTHORITY_HOST);
  const authorityHost = hostRaw ? httpsBase(hostRaw, '--authority-host') : cloud.authorityHost;

  return {
    tenantId,
    clientId,
    credential: resolveCredential(flags, env),
    cloud: cloud.name,
    authorityHost,
    api,
    scope: `${cloud.resource}/.default`,
  };
}

function resolveCredential(flags: ConnectionFlags, env: NodeJS.ProcessEnv): Credential {
  const secretFile = str(flags['client-secret-file']);
  const certificate = str(flags.certificate);
  const federated = str(flags['federated-token-file']);
  const chosen = [secretFile, certificate, federated].filter((x) => x !== undefined).length;
  if (chosen > 1) {
    throw new UsageError(
      'give one credential: --client-secret-file, --certificate or --federated-token-file',
    );
  }
  const chain =
    flags['send-certificate-chain'] === true ||
    /^(1|true|yes)$/i.test(env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN ?? '');
  const thumbprint = str(flags['certificate-thumbprint']);
  if (secretFile) return { kind: 'secret', secret: readSecretFile(secretFile) };
  if (certificate)
    return loadCertificate(certificate, env.AZURE_CLIENT_CERTIFICATE_PASSWORD, thumbprint, chain);
  if (federated) return { kind: 'federated', tokenFile: federated };
  // The environment, in the Azure SDKs' order: secret, certificate, then workload identity.
  const secret = env.AZURE_CLIENT_SECRET;
  if (secret !== undefined && secret !== '') {
    registerSecret(secret);
    return { kind: 'secret', secret };
  }
  const certPath = str(env.AZURE_CLIENT_CERTIFICATE_PATH);
  if (certPath) return loadCertificate(certPath, env.AZURE_CLIENT_CERTIFICATE_PASSWORD, thumbprint, chain);
  const tokenFile = str(env.AZURE_FEDERATED_TOKEN_FILE);
  if (tokenFile) return { kind: 'federated', tokenFile };
  throw new UsageError(
    'no credential: set AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE (or the matching flag)',
  );
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PullAuthError(
      `cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

function readSecretFile(path: string): string {
  const secret = readText(path, 'client secret file').trim();
  if (secret === '') throw new PullAuthError(`the client secret file ${path} is empty`);
  registerSecret(secret);
  return secret;
}

const CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_RE =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/**
 * A certificate credential from a PEM file holding the private key and (normally) the certificate,
 * as AZURE_CLIENT_CERTIFICATE_PATH expects. The key must belong to the certificate.
 */
export function loadCertificate(
  path: string,
  password: string | undefined,
  thumbprint: string | undefined,
  sendChain: boolean,
): Credential {
  const pem = readText(path, 'certificate file');
  const keyPem = KEY_RE.exec(pem)?.[0];
  if (!keyPem) throw new PullAuthError(`the certificate file ${path} holds no PEM private key`);
  registerSecret(password);
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(password ? { key: keyPem, passphrase: password } : { key: keyPem });
  } catch (e) {
    throw new PullAuthError(
      `the private key in ${path} cannot be read${password ? ' with AZURE_CLIENT_CERTIFICATE_PASSWORD' : ' (an encrypted key needs AZURE_CLIENT_CERTIFICATE_PASSWORD)'}: ${(e as Error).message}`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PullAuthError(
      `the private key in ${path} is ${key.asymmetricKeyType ?? 'not RSA'}; Entra ID certificate credentials need an RSA key`,
    );
  }
  const privateKey = key.export({ format: 'pem', type: 'pkcs8' }).toString();
  const certs = pem.match(CERT_RE) ?? [];
  let sha256: string;
  if (thumbprint !== undefined) {
    const hex = thumbprint.replace(/[:\s]/g, '');
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new UsageError('--certificate-thumbprint must be the SHA-256 thumbprint: 64 hexadecimal digits');
    }
    sha256 = hex.toLowerCase();
  } else {
    const first = certs[0];
    if (!first) {
      throw new PullAuthError(
        `the certificate file ${path} holds no certificate; add it, or give --certificate-thumbprint`,
      );
    }
    const cert = new X509Certificate(first);
    if (!cert.checkPrivateKey(key)) {
      throw new PullAuthError(
        `the private key in ${path} does not belong to its first certificate (${cert.subject})`,
      );
    }
    sha256 = cert.fingerprint256.replace(/:/g, '').toLowerCase();
  }
  if (sendChain && certs.length === 0) {
    throw new PullAuthError(`sending the certificate chain needs the certificate in ${path}`);
  }
  return {
    kind: 'certificate',
    privateKey,
    thumbprintSha256: sha256,
    path,
    ...(sendChain ? { x5c: certs.join('\n') } : {}),
  };
}

/** One line saying how pull connects, safe to print (no secret). */
export function describeConnection(c: PullConnection): string {
  const how =
    c.credential.kind === 'secret'
      ? 'a client secret'
      : c.credential.kind === 'certificate'
        ? `the certificate ${c.credential.thumbprintSha256.slice(0, 12)}… (${c.credential.path})`
        : `the federated token in ${c.credential.tokenFile}`;
  return `tenant ${c.tenantId}, application ${c.clientId}, with ${how}; sign-in ${c.authorityHost}, API ${c.api} (${c.cloud} cloud)`;
}
