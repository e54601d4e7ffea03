import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type RunResult, run } from '../cli/helpers.ts';
import { type StandIn, startStandIn } from '../defender-stand-in/index.ts';

/**
 * The example nightly jobs of docs/publishing.md cannot rot: their files are parsed and their own
 * scripts (the GitHub workflow's `run:` of the steps pull, commit, report, validate; the GitLab
 * job's steps of the same names) are run with bash, as the CI would run them, in a temporary git
 * repository pushing to a bare one, with `remdesk` installed where `npm ci` would put it and the
 * Defender API stand-in as the tenant (a federated token file, as the OIDC step writes).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'remdesk.mjs');
const GITHUB_FILE = join(ROOT, 'examples', 'github-actions', 'remdesk-nightly.yml');
const GITLAB_FILE = join(ROOT, 'examples', 'gitlab-ci', '.gitlab-ci.yml');
const ARCHIVE_REPO = join(ROOT, 'examples', 'archive-repo');
const STEPS = ['pull', 'commit', 'report', 'validate'] as const;
type StepId = (typeof STEPS)[number];

// ---- reading the files, checking each shape on the way --------------------------------------

type Json = unknown;

function record(value: Json, what: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping`);
  }
  return value as Record<string, Json>;
}

function list(value: Json, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

function text(value: Json, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

function strings(value: Json, what: string): Record<string, string> {
  if (value === undefined) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(value, what))) out[k] = String(v);
  return out;
}

interface GitHubStep {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly continueOnError: boolean;
  readonly env: Record<string, string>;
  readonly with: Record<string, Json>;
}

interface GitHubJob {
  readonly name: string;
  readonly needs: readonly string[];
  readonly permissions: Record<string, string>;
  readonly environment: Json;
  readonly env: Record<string, string>;
  readonly steps: readonly GitHubStep[];
}

interface GitHubWorkflow {
  readonly text: string;
  readonly on: Record<string, Json>;
  readonly defaults: Record<string, Json>;
  readonly jobs: readonly GitHubJob[];
}

async function readGitHub(): Promise<GitHubWorkflow> {
  const raw = await readFile(GITHUB_FILE, 'utf8');
  const doc = record(parse(raw), 'the workflow');
  const jobs = Object.entries(record(doc.jobs, 'jobs')).map(([name, j]): GitHubJob => {
    const job = record(j, `jobs.${name}`);
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    return {
      name,
      needs: needs.map((n) => text(n, `jobs.${name}.needs`)),
      permissions: strings(job.permissions, `jobs.${name}.permissions`),
      environment: job.environment,
      env: strings(job.env, `jobs.${name}.env`),
      steps: list(job.steps, `jobs.${name}.steps`).map((s, i) => {
        const step = record(s, `jobs.${name}.steps[${i}]`);
        return {
          ...(step.id === undefined ? {} : { id: text(step.id, 'id') }),
          ...(step.name === undefined ? {} : { name: text(step.name, 'name') }),
          ...(step.uses === undefined ? {} : { uses: text(step.uses, 'uses') }),
          ...(step.run === undefined ? {} : { run: text(step.run, 'run') }),
          ...(step.if === undefined ? {} : { if: text(step.if, 'if') }),
          continueOnError: step['continue-on-error'] === true,
          env: strings(step.env, `jobs.${name}.steps[${i}].env`),
          with: step.with === undefined ? {} : record(step.with, `jobs.${name}.steps[${i}].with`),
        };
      }),
    };
  });
  return {
    text: raw,
    on: record(doc.on, 'on'),
    defaults: doc.defaults === undefined ? {} : record(doc.defaults, 'defaults'),
    jobs,
  };
}

/** The job that runs the steps with ids, and those steps. */
function archiveJob(w: GitHubWorkflow): { job: GitHubJob; steps: Record<StepId, GitHubStep> } {
  const job = w.jobs.find((j) => j.steps.some((s) => s.id === 'pull'));
  if (!job) throw new Error('no job has a step with id: pull');
  const steps = {} as Record<StepId, GitHubStep>;
  for (const id of STEPS) {
    const step = job.steps.find((s) => s.id === id);
    if (!step?.run) throw new Error(`jobs.${job.name} has no step with id: ${id} and a run: script`);
    steps[id] = step;
  }
  return { job, steps };
}

interface GitLabPipeline {
  readonly text: string;
  readonly doc: Record<string, Json>;
  readonly job: Record<string, Json>;
  readonly steps: Record<StepId, string[]>;
  readonly variables: Record<string, string>;
}

async function readGitLab(): Promise<GitLabPipeline> {
  const raw = await readFile(GITLAB_FILE, 'utf8');
  const doc = record(parse(raw), 'the pipeline');
  const steps = {} as Record<StepId, string[]>;
  for (const id of STEPS) {
    steps[id] = list(doc[`.remdesk-${id}`], `.remdesk-${id}`).map((l) => text(l, `.remdesk-${id}`));
  }
  const job = record(doc.pages, 'the pages job');
  return { text: raw, doc, job, steps, variables: strings(job.variables, 'pages.variables') };
}

// ---- running a step --------------------------------------------------------------------------

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await run('git', args, { cwd });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * A shell script of the CI, run as GitHub runs `shell: bash` (bash --noprofile --norc -eo
 * pipefail) and as GitLab's runner runs a job's script in bash (set -eo pipefail).
 */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env,
    timeoutMs: 150_000,
  });
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * An archive repository as a team has it: the example's .gitignore and package.json committed,
 * pushed to a bare `origin`, and remdesk where `npm ci` puts it (node_modules/.bin/remdesk, here a
 * shim that runs this checkout's bin), which is where `npx --no-install remdesk` finds it.
 */
async function archiveRepository(dir: string): Promise<{ work: string; origin: string }> {
  const origin = join(dir, 'origin.git');
  const work = join(dir, 'work');
  await mkdir(work, { recursive: true });
  await git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
  await git(work, 'init', '--quiet', '--initial-branch=main');
  await git(work, 'config', 'user.name', 'Archive Owner');
  await git(work, 'config', 'user.email', 'owner@example.invalid');
  await copyFile(join(ARCHIVE_REPO, '.gitignore'), join(work, '.gitignore'));
  await copyFile(join(ARCHIVE_REPO, 'package.json'), join(work, 'package.json'));
  await git(work, 'add', '.gitignore', 'package.json');
  await git(work, 'commit', '--quiet', '-m', 'the archive repository');
  await git(work, 'remote', 'add', 'origin', origin);
  await git(work, 'push', '--quiet', '--set-upstream', 'origin', 'main');
  const shim = join(work, 'node_modules', '.bin', 'remdesk');
  await mkdir(join(work, 'node_modules', '.bin'), { recursive: true });
  await writeFile(shim, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(BIN)} "$@"\n`);
  await chmod(shim, 0o755);
  return { work, origin };
}

/** The environment of a CI step: nothing of this process's own but PATH and HOME. */
function ciEnv(s: StandIn, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    LANG: 'C.UTF-8',
    CI: 'true',
    // npx must find remdesk installed; it never asks a registry.
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    ...s.env('federated'),
    ...extra,
  };
}

/**
 * A step's `env:` as the CI would set it: literal values as written, `${{ … }}` expressions from
 * `known` (what the CI would give). An expression the test does not know fails it.
 */
function resolveEnv(env: Record<string, string>, known: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (!v.includes('${{')) out[k] = v;
    else if (k in known) out[k] = known[k] as string;
    else throw new Error(`the test does not know what the CI makes of ${k}: ${v}`);
  }
  return out;
}

async function snapshotNames(archive: string): Promise<string[]> {
  const names = await readdir(join(archive, 'snapshots')).catch(() => [] as string[]);
  return names.filter((n) => !n.startsWith('.')).sort();
}

const outputsOf = async (file: string): Promise<Record<string, string>> => {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l.includes('='));
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
};

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

// ---- the files' shape ------------------------------------------------------------------------

describe('examples/github-actions/remdesk-nightly.yml', () => {
  it('runs every night and by hand, with bash', async () => {
    const w = await readGitHub();
    const schedule = list(w.on.schedule, 'on.schedule').map((s) => text(record(s, 'schedule').cron, 'cron'));
    expect(schedule.length).toBeGreaterThan(0);
    for (const cron of schedule) expect(cron.trim().split(/\s+/)).toHaveLength(5);
    expect(Object.keys(w.on)).toContain('workflow_dispatch');
    expect(record(w.defaults.run, 'defaults.run').shell).toBe('bash');
  });

  it('signs in with an OIDC federated credential written to a file, before the pull', async () => {
    const w = await readGitHub();
    const { job, steps } = archiveJob(w);
    expect(job.permissions['id-token']).toBe('write');
    expect(job.permissions.contents).toBe('write');
    // No environment on the job: it would change the token's subject (repo:ORG/REPO:environment:…).
    expect(job.environment).toBeUndefined();
    const oidc = job.steps.findIndex(
      (s) =>
        s.uses?.startsWith('actions/github-script@') === true &&
        String(s.with.script).includes("core.getIDToken('api://AzureADTokenExchange')") &&
        String(s.with.script).includes('AZURE_FEDERATED_TOKEN_FILE'),
    );
    expect(oidc).toBeGreaterThanOrEqual(0);
    expect(oidc).toBeLessThan(job.steps.indexOf(steps.pull));
    expect(Object.keys(job.env)).toEqual(expect.arrayContaining(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID']));
    // No stored secret for Entra ID: no client secret or certificate anywhere in the file (the one
    // secret is the optional Teams webhook's address).
    expect(w.text.replaceAll('secrets.REMDESK_TEAMS_WEBHOOK', '')).not.toMatch(
      /AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE_PATH|secrets\./,
    );
  });

  it('has the steps pull, commit, report, validate in order, each running remdesk with npx --no-install', async () => {
    const { job, steps } = archiveJob(await readGitHub());
    const at = STEPS.map((id) => job.steps.indexOf(steps[id]));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const id of STEPS) {
      // The test runs these scripts as they are: values come through env:, never ${{ }}.
      expect(steps[id].run).not.toContain('${{');
    }
    expect(steps.pull.run).toContain('npx --no-install remdesk pull --data archive');
    expect(steps.commit.run).toContain('git push');
    expect(steps.report.run).toContain('npx --no-install remdesk report --data archive --out site');
    expect(steps.validate.run).toContain('npx --no-install remdesk validate archive');
  });

  it("posts the week's digest with remdesk notify after the site is uploaded, never holding it up, only with the webhook secret", async () => {
    const { job } = archiveJob(await readGitHub());
    const notify = job.steps.find((s) => s.run?.includes('remdesk notify') === true);
    const upload = job.steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(job.steps.indexOf(notify as GitHubStep)).toBeGreaterThan(upload);
    expect(notify?.continueOnError).toBe(true);
    expect(notify?.if).toBe("steps.commit.outputs.changed == 'true'");
    expect(notify?.env.REMDESK_WEBHOOK).toMatch(/^\$\{\{ secrets\.REMDESK_TEAMS_WEBHOOK \}\}$/);
    expect(notify?.run).toContain('npx --no-install remdesk notify --data archive');
    // Without the secret the step says so and passes: nothing is posted.
    const r = await bash(notify?.run ?? '', tmpdir(), { PATH: process.env.PATH, REMDESK_WEBHOOK: '' });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'No REMDESK_TEAMS_WEBHOOK secret: no digest posted.']);
  });

  it('deploys the site with the Pages actions, after validating, and says Pages is public', async () => {
    const w = await readGitHub();
    const { job, steps } = archiveJob(w);
    const upload = job.steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload).toBeGreaterThan(job.steps.indexOf(steps.validate));
    expect(job.steps[upload]?.with.path).toBe('site');
    const deploy = w.jobs.find((j) => j.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
    expect(deploy?.needs).toContain(job.name);
    expect(deploy?.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(record(deploy?.environment, 'deploy environment').name).toBe('github-pages');
    // Together the jobs hold id-token, contents and pages write, each only where it is needed.
    const granted = new Set(
      w.jobs.flatMap((j) => Object.entries(j.permissions).map(([k, v]) => `${k}:${v}`)),
    );
    expect([...granted]).toEqual(expect.arrayContaining(['id-token:write', 'contents:write', 'pages:write']));
    expect(w.text).toMatch(/PUBLIC/);
    expect(w.text).toMatch(/Enterprise Cloud/);
    expect(w.text).toMatch(/actions\/upload-artifact@/);
  });
});

describe('examples/gitlab-ci/.gitlab-ci.yml', () => {
  it('runs on a schedule and by hand, on the default branch', async () => {
    const { doc, job } = await readGitLab();
    const rules = list(record(doc.workflow, 'workflow').rules, 'workflow.rules').map((r) =>
      text(record(r, 'rule').if, 'if'),
    );
    expect(rules.join('\n')).toContain('$CI_PIPELINE_SOURCE == "schedule"');
    expect(rules.join('\n')).toContain('$CI_PIPELINE_SOURCE == "web"');
    const jobRules = list(job.rules, 'pages.rules').map((r) => text(record(r, 'rule').if, 'if'));
    expect(jobRules).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
  });

  it('writes its OIDC ID token (aud api://AzureADTokenExchange) to the federated token file', async () => {
    const { job, text: raw } = await readGitLab();
    const tokens = record(job.id_tokens, 'pages.id_tokens');
    const [name, token] = Object.entries(tokens)[0] ?? [];
    expect(record(token, 'id token').aud).toBe('api://AzureADTokenExchange');
    const before = list(job.before_script, 'pages.before_script').join('\n');
    expect(before).toContain('AZURE_FEDERATED_TOKEN_FILE');
    expect(before).toContain(`\${${name}}`);
    expect(raw).not.toMatch(/AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE_PATH/);
  });

  it('runs the steps pull, commit, report, validate in order and publishes public/ with access control', async () => {
    const { doc, job, steps, text: raw } = await readGitLab();
    const script = list(job.script, 'pages.script').flat(10);
    const notify = list(doc['.remdesk-notify'], '.remdesk-notify').map((l) => text(l, '.remdesk-notify'));
    expect(script).toEqual([...STEPS.flatMap((id) => steps[id]), ...notify]);
    expect(notify.join('\n')).toContain('npx --no-install remdesk notify --data archive');
    // Without the variable the step says so and passes: nothing is posted. With one that fails
    // (here a remdesk that exits 5), it says so and passes too: the report is still published.
    const r = await bash(notify.join('\n'), tmpdir(), { PATH: process.env.PATH });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'No REMDESK_WEBHOOK variable: no digest posted.']);
    const failing = await bash(`npx() { return 5; }\n${notify.join('\n')}`, tmpdir(), {
      PATH: process.env.PATH,
      REMDESK_WEBHOOK: 'https://example.invalid/hook',
    });
    expect([failing.code, failing.stdout.trim()]).toEqual([
      0,
      'No digest posted (remdesk notify exit 5): the report is published all the same.',
    ]);
    expect(steps.pull.join('\n')).toContain('npx --no-install remdesk pull --data archive');
    expect(steps.report.join('\n')).toContain('npx --no-install remdesk report --data archive --out public');
    expect(steps.validate.join('\n')).toContain('npx --no-install remdesk validate archive');
    // GitLab runs a job's script lines as one script: an exit would skip the steps after it.
    for (const id of STEPS) expect(steps[id].join('\n')).not.toMatch(/\bexit\b/);
    expect(list(record(job.artifacts, 'pages.artifacts').paths, 'artifacts.paths')).toContain('public');
    expect(raw).toContain('Only Project Members');
  });
});

// ---- the steps, run ------------------------------------------------------------------------

describe('the nightly steps, run against the Defender API stand-in', () => {
  let standIn: StandIn;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'remdesk-publish-'));
    // A clock that stands still, and no delta rows: a second night finds nothing new.
    const now = new Date();
    standIn = await startStandIn({
      dir,
      now: () => now,
      size: { devices: 300, recommendations: 20, activities: 8, deltaChanges: 0 },
    });
  }, 60_000);

  afterAll(async () => {
    await standIn?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GitHub: pull, commit, report, validate; a second night commits nothing new', async () => {
    const w = await readGitHub();
    const { job, steps } = archiveJob(w);
    const { work, origin } = await archiveRepository(join(dir, 'github'));
    const token = (await readFile(standIn.credentials.federated.tokenFilePath, 'utf8')).trim();
    // What the CI gives for the ${{ }} of job and step env: the Entra ids (repository variables,
    // here the stand-in's) and actions/configure-pages' base_path of a project site.
    const known = { ...standIn.env('federated'), SITE_BASE: '/remdesk-archive' };

    const night = async (n: number): Promise<Record<StepId, Record<string, string>>> => {
      const outputs = {} as Record<StepId, Record<string, string>>;
      for (const id of STEPS) {
        const step = steps[id];
        const outputFile = join(dir, `github-output-${n}-${id}`);
        const env = ciEnv(standIn, {
          ...resolveEnv(job.env, known),
          ...resolveEnv(step.env, known),
          GITHUB_OUTPUT: outputFile,
        });
        const r = await bash(step.run as string, work, env);
        expect(r.code, `night ${n}, step ${id}:\n${r.stdout}\n${r.stderr}`).toBe(0);
        // The federated token never reaches a log.
        expect(r.stdout + r.stderr).not.toContain(token);
        outputs[id] = await outputsOf(outputFile);
      }
      return outputs;
    };

    const first = await night(1);
    const names = await snapshotNames(join(work, 'archive'));
    expect(names).toHaveLength(1);
    const snapshot = names[0] as string;
    expect(first.commit).toMatchObject({ changed: 'true', snapshot });
    // Pushed: the bare origin has the snapshot in a commit of its own.
    expect((await git(origin, 'log', '--format=%s', 'main')).split('\n')).toEqual([
      `archive: snapshot ${snapshot}`,
      'the archive repository',
    ]);
    const pushed = (await git(origin, 'ls-tree', '-r', '--name-only', 'main')).split('\n');
    expect(pushed).toContain('archive/history.jsonl');
    expect(pushed).toContain(`archive/snapshots/${snapshot}/manifest.json`);
    expect(pushed.filter((p) => !p.startsWith('archive/'))).toEqual(['.gitignore', 'package.json']);
    // The site: index.html, index.json, links under the Pages base; nothing left for git to see.
    expect(await exists(join(work, 'site', 'index.html'))).toBe(true);
    const index = JSON.parse(await readFile(join(work, 'site', 'index.json'), 'utf8')) as object;
    expect(index).toHaveProperty('figures');
    expect(await readFile(join(work, 'site', 'en', 'index.html'), 'utf8')).toContain('/remdesk-archive/');
    expect(await git(work, 'status', '--porcelain')).toBe('');

    const second = await night(2);
    expect(second.commit).toEqual({ changed: 'false' });
    expect(await snapshotNames(join(work, 'archive'))).toEqual([snapshot]);
    expect(await git(origin, 'rev-list', '--count', 'main')).toBe('2');
    expect(await git(work, 'status', '--porcelain')).toBe('');
  }, 120_000);

  it('GitLab: the same steps as the job runs them', async () => {
    const { steps, variables } = await readGitLab();
    const { work, origin } = await archiveRepository(join(dir, 'gitlab'));
    const env = ciEnv(standIn, {
      ...variables,
      CI_COMMIT_BRANCH: 'main',
      CI_PAGES_URL: 'https://security.gitlab.example/remdesk-archive',
    });
    for (const id of STEPS) {
      for (const line of steps[id]) {
        const r = await bash(line, work, env);
        expect(r.code, `step ${id}:\n${r.stdout}\n${r.stderr}`).toBe(0);
      }
    }
    const names = await snapshotNames(join(work, 'archive'));
    expect(names).toHaveLength(1);
    expect(await git(origin, 'log', '-1', '--format=%s%n%an', 'main')).toBe(
      `archive: snapshot ${names[0]}\nremdesk nightly`,
    );
    expect(await exists(join(work, 'public', 'index.html'))).toBe(true);
    expect(await exists(join(work, 'public', 'index.json'))).toBe(true);
    expect(await git(work, 'status', '--porcelain')).toBe('');
  }, 120_000);
});
