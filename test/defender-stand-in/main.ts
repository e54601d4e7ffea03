/**
 * `npm run defender-stand-in -- [options]`: runs the Defender API stand-in until Ctrl+C and prints
 * the environment `remdesk pull` needs to use it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_ROLES, type AuthMode, type StandInFaults, startStandIn } from './index.ts';

const HELP = `defender-stand-in: a local Microsoft Defender for Endpoint API (and Entra ID token endpoint) for trying remdesk pull

Usage: npm run defender-stand-in -- [options]

Options:
  --port N              port on 127.0.0.1 (default: a free one)
  --devices N           devices in the tenant (default 500)
  --exposures N         exposure records in the full export (default 12 per device)
  --recommendations N   security recommendations (default 40)
  --activities N        remediation activities (default 12)
  --parts N             files of the via-files export (default 8 from 1,000,000 records, else 3)
  --seed N              the data's seed (default 20261129)
  --mode M              which credential to print: secret (default), certificate or federated
  --roles A,B           application permissions granted (default: all five)
  --token-lifetime S    seconds an access token is accepted (default 3599)
  --enforce-limits      answer 429 past the documented rate limits
  --throttle E:N[:S]    a 429 (Retry-After S, default 1) on the N-th call of endpoint E; repeatable
  --expired-sas N       the first N via-files listings give expired links
  --verbose             print one line per request
  --pull-into DIR       run the real \`remdesk pull --data DIR\` against it once, then stop
                        (what \`npm run pull:demo\` does: then REMDESK_DATA=DIR npm start shows it)
  --help

Endpoints (for --throttle): recommendations, remediationTasks, machineReferences, machines,
exportJson, exportFiles, exportDelta, download, token.
`;

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      devices: { type: 'string' },
      exposures: { type: 'string' },
      recommendations: { type: 'string' },
      activities: { type: 'string' },
      parts: { type: 'string' },
      seed: { type: 'string' },
      mode: { type: 'string' },
      roles: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'enforce-limits': { type: 'boolean' },
      throttle: { type: 'string', multiple: true },
      'expired-sas': { type: 'string' },
      verbose: { type: 'boolean' },
      'pull-into': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const mode = (values.mode ?? 'secret') as AuthMode;
  if (!['secret', 'certificate', 'federated'].includes(mode))
    throw new Error(`--mode must be secret, certificate or federated`);
  const faults: StandInFaults = {
    throttle: (values.throttle ?? []).map((t) => {
      const [endpoint, call, after] = t.split(':');
      return {
        endpoint: endpoint as NonNullable<StandInFaults['throttle']>[number]['endpoint'],
        call: int('throttle', call) ?? 1,
        retryAfterSeconds: int('throttle', after) ?? 1,
      };
    }),
    ...(values['expired-sas'] !== undefined
      ? { expiredSasListings: int('expired-sas', values['expired-sas']) ?? 0 }
      : {}),
  };
  const size = {
    ...(values.devices !== undefined ? { devices: int('devices', values.devices) ?? 0 } : {}),
    ...(values.exposures !== undefined ? { exposures: int('exposures', values.exposures) ?? 0 } : {}),
    ...(values.recommendations !== undefined
      ? { recommendations: int('recommendations', values.recommendations) ?? 0 }
      : {}),
    ...(values.activities !== undefined ? { activities: int('activities', values.activities) ?? 0 } : {}),
  };
  const lifetime = int('token-lifetime', values['token-lifetime']);
  const port = int('port', values.port);
  const parts = int('parts', values.parts);
  const seed = int('seed', values.seed);
  const standIn = await startStandIn({
    size,
    faults,
    roles: values.roles ? values.roles.split(',').map((r) => r.trim()) : ALL_ROLES,
    enforceRateLimits: values['enforce-limits'] === true,
    ...(port !== undefined ? { port } : {}),
    ...(parts !== undefined ? { parts } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(lifetime !== undefined ? { tokenLifetimeSeconds: lifetime } : {}),
    ...(values.verbose ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  const env = standIn.env(mode);
  const t = standIn.tenant.size;
  const into = values['pull-into'];
  if (into !== undefined) {
    // The real command in its own process, trusting the stand-in only through the environment.
    const bin = fileURLToPath(new URL('../../bin/remdesk.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'pull', '--data', into], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    await standIn.close();
    if (code === 0) process.stdout.write(`\nThe report of it: REMDESK_DATA=${into} npm start\n`);
    process.exitCode = code ?? 1;
    return;
  }
  process.stdout.write(
    [
      `Defender API stand-in on ${standIn.url} (tenant ${standIn.tenantId}):`,
      `  ${t.devices} devices, ${t.recommendations} recommendations, ${t.exposures} exposure records, ${t.activities} remediation activities.`,
      `Its certificate: ${standIn.caPath}`,
      '',
      `Environment for remdesk pull (${mode} credential):`,
      ...Object.entries(env).map(([k, v]) => `export ${k}='${v}'`),
      '',
      'then, in another terminal with that environment:',
      '  npx remdesk pull --data /tmp/remdesk-archive   (see docs/pull.md)',
      '',
      'Ctrl+C stops it and removes its folder.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    standIn.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

run().catch((e: unknown) => {
  process.stderr.write(`defender-stand-in: ${(e as Error).message}\n`);
  process.exit(2);
});
