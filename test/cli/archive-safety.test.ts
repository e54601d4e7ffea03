import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hashTree, ROOT, type RunResult, remdesk, remdeskIntoClosedPipe, run, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 180_000 });

const FIXTURES = join(ROOT, 'test/fixtures/defender-api');
/** One vendor activity, active: a new id each time makes an import that writes a snapshot. */
const ACTIVITY = join(FIXTURES, 'remediationTasks_list.verbatim.json');
let written = 0;
/** A vendor activities file the archive has not seen: its import always writes a snapshot. */
async function newActivities(dir: string): Promise<string> {
  const doc = JSON.parse(await readFile(ACTIVITY, 'utf8'));
  const n = written++;
  doc.value = doc.value.map((a: { id: string }) => ({ ...a, id: `${a.id}-${n}` }));
  const file = join(dir, `activities-${n}.json`);
  await writeFile(file, JSON.stringify(doc));
  return file;
}
/** Recommendations: the first import writes, the same again changes nothing. */
const RECOMMENDATIONS = join(FIXTURES, 'recommendations_list.latest.verbatim.json');

let template: string;
beforeAll(async () => {
  template = join(await tempDir('safety-template'), 'archive');
  const r = await remdesk(['sample', '--out', template, '--devices', '50', '--weeks', '2']);
  if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);

async function fresh(): Promise<{ dir: string; data: string }> {
  const dir = await tempDir('safety');
  const data = join(dir, 'archive');
  await cp(template, data, { recursive: true });
  return { dir, data };
}

/** A refusal: its exit code, a message, and never a stack trace. */
function refused(r: RunResult, code: number, ...said: (string | RegExp)[]): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  for (const s of said) expect(r.stderr).toMatch(s);
}

const snapshots = async (data: string) => (await readdir(join(data, 'snapshots'))).sort();

/** The archive is whole: validate finds nothing, no write is left half done, no lock is left. */
async function whole(data: string): Promise<void> {
  const v = await remdesk(['validate', data]);
  expect(v.stdout + v.stderr, 'validate').toMatch(/ok \(archive\)/);
  expect(v.code).toBe(0);
  // remdesk.json: the team's settings `remdesk sample` writes; no lock, no temporary file beside them.
  expect((await readdir(data)).sort()).toEqual(['history.jsonl', 'remdesk.json', 'snapshots']);
  const lines = (await readFile(join(data, 'history.jsonl'), 'utf8')).trimEnd().split('\n');
  expect(lines.map((l) => JSON.parse(l).snapshot)).toEqual(await snapshots(data).then(byTime));
}

/** Snapshot names in time order (…T080000.250Z is after …T080000Z, though it sorts before it). */
const byTime = (names: string[]) =>
  [...names].sort((a, b) => {
    const t = (n: string) => n.replace(/Z$/, '').replace(/T(\d{6})$/, 'T$1.000');
    return t(a) < t(b) ? -1 : 1;
  });

describe('report --out never replaces an archive or a file', () => {
  it('refuses a file, the archive, anything in it, a folder holding it — by real path', async () => {
    const { dir, data } = await fresh();
    await symlink(data, join(dir, 'link'));
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const other = join(dir, 'other');
    await mkdir(join(other, 'snapshots'), { recursive: true });
    const before = await hashTree(dir);
    const outs = fc.constantFrom(
      join(dir, 'notes.txt'),
      data,
      join(data, 'history.jsonl'),
      join(data, 'snapshots'),
      join(data, 'snapshots', '2026-11-29T080000Z'),
      join(data, 'snapshots', 'new-site'),
      join(data, 'snapshots', '..', 'history.jsonl'),
      join(dir, 'elsewhere', '..', 'archive', 'site'),
      join(dir, 'link'),
      join(dir, 'link', 'history.jsonl'),
      join(dir, 'link', 'snapshots', 'x', 'y'),
      dir,
      join(other, 'site'),
    );
    await fc.assert(
      fc.asyncProperty(outs, async (out) => {
        const r = await remdesk(['report', '--data', data, '--out', out]);
        refused(r, 2, /--out .* (is a file|is the archive|lies inside|holds the archive)/);
        expect(await hashTree(dir)).toEqual(before);
      }),
      { numRuns: 13 },
    );
  });
});

describe('one writer at a time', () => {
  it('two imports started together, ten times: both land, in turn, and the archive is whole', async () => {
    const { dir, data } = await fresh();
    for (let round = 0; round < 10; round++) {
      const before = (await snapshots(data)).length;
      const [a, b] = await Promise.all([
        remdesk(['import', await newActivities(dir), '--data', data]),
        remdesk(['import', RECOMMENDATIONS, '--data', data]),
      ]);
      for (const r of [a, b]) refused(r, 0);
      const wrote = [a, b].filter((r) => /wrote snapshot/.test(r.stdout)).length;
      expect(wrote).toBeGreaterThanOrEqual(1);
      expect((await snapshots(data)).length).toBe(before + wrote);
      await whole(data);
    }
  });

  it('without waiting (REMDESK_LOCK_WAIT=0), the loser exits 6 naming the holder, the archive whole', async () => {
    const { dir, data } = await fresh();
    for (let round = 0; round < 6; round++) {
      const before = (await snapshots(data)).length;
      const files = [await newActivities(dir), await newActivities(dir)];
      const results = await Promise.all(
        files.map((f) => remdesk(['import', f, '--data', data], ROOT, { REMDESK_LOCK_WAIT: '0' })),
      );
      for (const r of results) {
        if (r.code === 0) continue; // whether the two met in a round depends on the scheduler
        refused(
          r,
          6,
          /\.remdesk\.lock: the archive is being written by remdesk import \(pid \d+ on .+\) since \d{4}-/,
          /nothing was written/,
        );
      }
      expect((await snapshots(data)).length).toBe(before + results.filter((r) => r.code === 0).length);
      await whole(data);
    }
  });

  it('a REMDESK_LOCK_WAIT that is no whole number of seconds is a usage error (exit 2), nothing written', async () => {
    const { dir, data } = await fresh();
    const activities = await newActivities(dir);
    const before = await hashTree(dir);
    for (const wait of ['-1', 'abc', '0.5', '1e999', '', ' 5', '1000000']) {
      const r = await remdesk(['import', activities, '--data', data], ROOT, { REMDESK_LOCK_WAIT: wait });
      refused(r, 2, /REMDESK_LOCK_WAIT must be a whole number of seconds from 0 to 999999/);
      expect(r.stderr).toContain(`got "${wait}"`);
      expect(await hashTree(dir)).toEqual(before);
    }
    refused(await remdesk(['import', activities, '--data', data], ROOT, { REMDESK_LOCK_WAIT: '0' }), 0);
  });

  it('waits for a live holder and says so, then gives up with exit 6', async () => {
    const { data } = await fresh();
    const since = new Date().toISOString();
    const lock = { pid: process.pid, host: hostname(), since, command: 'remdesk pull' };
    await writeFile(join(data, '.remdesk.lock'), JSON.stringify(lock));
    const before = await hashTree(data);
    const r = await remdesk(['import', RECOMMENDATIONS, '--data', data], ROOT, { REMDESK_LOCK_WAIT: '1' });
    refused(
      r,
      6,
      new RegExp(`waiting for the archive, being written by remdesk pull \\(pid ${process.pid} on `),
      new RegExp(`since ${since}; still held after 1 s`),
    );
    expect(await hashTree(data)).toEqual(before);
  });

  it('takes over a stale lock (its process is gone, or it names no holder) and says whose it was', async () => {
    for (const content of [
      JSON.stringify({
        pid: await deadPid(),
        host: hostname(),
        since: new Date().toISOString(),
        command: 'remdesk import',
      }),
      JSON.stringify({
        pid: process.pid,
        host: 'elsewhere',
        since: '2020-01-01T00:00:00.000Z',
        command: 'remdesk pull',
      }),
    ]) {
      const { data } = await fresh();
      await writeFile(join(data, '.remdesk.lock'), content);
      const r = await remdesk(['import', RECOMMENDATIONS, '--data', data]);
      refused(
        r,
        0,
        /took over a stale lock of remdesk (import|pull) \(pid \d+ on \S+\) since .*: (process \d+ is no longer running|it is older than 12 hours)/,
      );
      await whole(data);
    }
  });

  it('releases the lock when interrupted (SIGTERM), and the next write clears what was left', async () => {
    const data = join(await tempDir('safety-interrupted'), 'archive');
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/remdesk.mjs'),
        'sample',
        '--out',
        data,
        '--devices',
        '3000',
        '--weeks',
        '8',
        '--seed',
        '9',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const ended = new Promise<NodeJS.Signals | null>((done) => child.on('close', (_c, s) => done(s)));
    // Killed once its first snapshot is in place, while it writes the next.
    const written = async () =>
      (await readdir(join(data, 'snapshots')).catch(() => [])).filter((n) => !n.startsWith('.')).length;
    for (let i = 0; i < 600 && (await written()) === 0; i++) await sleep(50);
    expect(await readdir(data)).toContain('.remdesk.lock');
    child.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    expect(await readdir(data)).not.toContain('.remdesk.lock');
    refused(await remdesk(['import', RECOMMENDATIONS, '--data', data]), 0);
    await whole(data);
  });
});

describe('imports in quick succession', () => {
  it('get new ids and their own snapshot each time, never a duplicate event; the same file again is a no-op', async () => {
    const { dir, data } = await fresh();
    for (let i = 0; i < 4; i++)
      refused(await remdesk(['import', await newActivities(dir), '--data', data]), 0, /^(?!.*Duplicate)/s);
    expect((await snapshots(data)).length).toBe(6);
    const messy = join(FIXTURES, 'remediationTasks_messy.json');
    refused(await remdesk(['import', messy, '--data', data]), 0);
    const again = await remdesk(['import', messy, '--data', data]);
    refused(again, 0);
    expect(again.stdout).toMatch(/nothing changed/);
    await whole(data);
  });

  it('at the time of an existing snapshot: the same state is a no-op, a different one refused', async () => {
    const { dir, data } = await fresh();
    const at = ['--at', '2026-12-01T00:00:00Z'];
    refused(await remdesk(['import', RECOMMENDATIONS, '--data', data, ...at]), 0);
    const again = await remdesk(['import', RECOMMENDATIONS, '--data', data, ...at]);
    refused(again, 0);
    expect(again.stdout).toMatch(/nothing changed/);
    const later = ['--at', '2026-12-01T00:00:01Z'];
    refused(await remdesk(['import', await newActivities(dir), '--data', data, ...later]), 0);
    const before = await hashTree(data);
    const same = await remdesk(['import', await newActivities(dir), '--data', data, ...later]);
    refused(same, 1, /2026-12-01T000001Z:-: at: a snapshot with this time already exists/);
    expect(await hashTree(data)).toEqual(before);
  });
});

describe('a write stopped at any step leaves the archive as it was, or the next write completes it', () => {
  const steps = ['temp-written', 'renamed', 'history-written'] as const;

  // After 'history-written' all is written: a failure there has nothing to undo.
  it.each(steps.slice(0, 2))(
    'a failure at %s: exit 3 naming the file, the archive byte-identical',
    async (step) => {
      const { data } = await fresh();
      const before = await hashTree(data);
      const r = await remdesk(['import', RECOMMENDATIONS, '--data', data], ROOT, {
        REMDESK_TEST_FAULT: `fail@${step}`,
      });
      refused(r, 3, /no space left on the disk \(ENOSPC on write\)/);
      if (step === 'renamed') expect(r.stderr).toContain(join(data, 'history.jsonl'));
      expect(await hashTree(data)).toEqual(before);
      expect(await readdir(data)).not.toContain('.remdesk.lock');
    },
  );

  it.each(steps)(
    'a crash at %s: the next import takes the stale lock over and completes the archive',
    async (step) => {
      const { dir, data } = await fresh();
      const crash = await remdesk(['import', RECOMMENDATIONS, '--data', data], ROOT, {
        REMDESK_TEST_FAULT: `crash@${step}`,
      });
      expect(crash.code).toBeNull();
      const next = await remdesk(['import', await newActivities(dir), '--data', data]);
      refused(next, 0, /took over a stale lock/);
      await whole(data);
      // The crashed write's snapshot is there (with its history line) once it was renamed into place.
      expect((await snapshots(data)).length).toBe(step === 'temp-written' ? 3 : 4);
    },
  );

  it('history.jsonl that is a folder or a fifo: refused naming it (exit 1), never opened, so never waited on', async () => {
    for (const make of [(p: string) => mkdir(p), (p: string) => execFileSync('mkfifo', [p])]) {
      const { data } = await fresh();
      const history = join(data, 'history.jsonl');
      await rm(history);
      await make(history);
      const before = (await readdir(data)).sort();
      const r = await remdesk(['import', RECOMMENDATIONS, '--data', data], ROOT, {}, 20_000);
      refused(r, 1, `${history}:-: -: not a file; history.jsonl is a file of one JSON line per snapshot`);
      expect((await readdir(data)).sort()).toEqual(before);
    }
  });

  it('snapshots/ that is a file: exit 3 naming it, nothing changed', async () => {
    const dir = await tempDir('safety-fs');
    const data = join(dir, 'archive');
    await mkdir(data);
    await writeFile(join(data, 'snapshots'), 'x');
    const before = await hashTree(dir);
    refused(
      await remdesk(['import', RECOMMENDATIONS, '--data', data]),
      3,
      /snapshots: (a file is where a folder must be|something is already there) /,
    );
    expect(await hashTree(dir)).toEqual(before);
    expect(await readdir(data)).not.toContain('.remdesk.lock');
  });

  it('.remdesk.lock that is a folder: exit 3 naming it; validate lists a history.jsonl folder as a problem', async () => {
    const { dir, data } = await fresh();
    await mkdir(join(data, '.remdesk.lock'));
    const before = await hashTree(dir);
    refused(
      await remdesk(['import', RECOMMENDATIONS, '--data', data]),
      3,
      /\.remdesk\.lock: a folder is where a file must be \(EISDIR/,
    );
    expect(await hashTree(dir)).toEqual(before);
    await rm(join(data, '.remdesk.lock'), { recursive: true });
    await rm(join(data, 'history.jsonl'));
    await mkdir(join(data, 'history.jsonl'));
    const v = await remdesk(['validate', data]);
    refused(v, 1);
    expect(v.stdout).toContain(`${join(data, 'history.jsonl')}:-: -: not a file`);
  });

  it('.remdesk.lock that is a symbolic link: exit 3 naming it, never read through, judged stale or replaced', async () => {
    const { dir, data } = await fresh();
    // What it leads to looks like a stale lock: taking it over would replace the link.
    const target = join(dir, 'elsewhere.lock');
    await writeFile(
      target,
      JSON.stringify({
        pid: await deadPid(),
        host: hostname(),
        since: new Date().toISOString(),
        command: 'x',
      }),
    );
    await symlink(target, join(data, '.remdesk.lock'));
    const activities = await newActivities(dir);
    const before = await hashTree(dir);
    const r = await remdesk(['import', activities, '--data', data]);
    refused(r, 3, /\.remdesk\.lock: too many symbolic links, or a link where none may be \(ELOOP/);
    expect(r.stderr).not.toMatch(/took over/);
    expect(await readlink(join(data, '.remdesk.lock'))).toBe(target);
    expect(await hashTree(dir)).toEqual(before);
  });

  it('a read-only archive folder: exit 3 naming it', async () => {
    const { dir, data } = await fresh();
    const { chmod } = await import('node:fs/promises');
    await chmod(data, 0o555);
    // Permission bits do not stop root: as root, the command runs as the user nobody (setpriv).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chmod(dir, 0o755);
    const args = [join(ROOT, 'bin/remdesk.mjs'), 'import', RECOMMENDATIONS, '--data', data];
    try {
      const before = await hashTree(data);
      const r = asRoot
        ? await run('setpriv', [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            process.execPath,
            ...args,
          ])
        : await run(process.execPath, args);
      refused(r, 3, /\.remdesk\.lock: permission denied/);
      expect(await hashTree(data)).toEqual(before);
    } finally {
      await chmod(data, 0o755);
    }
  });
});

describe('history.jsonl', () => {
  it('a last line without its newline gets one before the next line is appended', async () => {
    const { data } = await fresh();
    const file = join(data, 'history.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).trimEnd());
    const v = await remdesk(['validate', data]);
    refused(v, 1);
    expect(v.stdout).toMatch(/history\.jsonl:2: -: the last line has no newline at its end/);
    refused(await remdesk(['import', RECOMMENDATIONS, '--data', data]), 0);
    await whole(data);
  });

  it('validate names the line, the field and what was expected, for generated damage; import refuses it', async () => {
    const { dir, data } = await fresh();
    const file = join(data, 'history.jsonl');
    const good = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const [first = '', second = ''] = good;
    const o = JSON.parse(first) as Record<string, unknown>;
    const damage: [string, string, RegExp][] = [
      [
        'glued',
        `${first}${second}\n`,
        /:1: -: two lines glued into one: a second JSON object starts at column \d+/,
      ],
      [
        'no at',
        `${JSON.stringify({ ...o, at: undefined })}\n${second}\n`,
        /:1: at: expected an ISO 8601 time as a string, got nothing/,
      ],
      [
        'wrong type',
        `${JSON.stringify({ ...o, figures: [1] })}\n${second}\n`,
        /:1: figures: expected an object of figures, got an array/,
      ],
      [
        'wrong time',
        `${JSON.stringify({ ...o, at: '2020-01-01T00:00:00.000Z' })}\n${second}\n`,
        /:1: at: expected 2026-11-22T08:00:00.000Z, the time of snapshot/,
      ],
      [
        'unknown',
        `${JSON.stringify({ ...o, snapshot: '2030-01-01T000000Z' })}\n${second}\n`,
        /:1: snapshot: 2030-01-01T000000Z is not in snapshots\//,
      ],
      ['duplicate', `${first}\n${first}\n${second}\n`, /:2: snapshot: 2026-11-22T080000Z already has line 1/],
      [
        'out of order',
        `${second}\n${first}\n`,
        /:2: snapshot: 2026-11-22T080000Z is older than 2026-11-29T080000Z on line 1/,
      ],
      ['blank', `${first}\n\n${second}\n`, /:2: -: blank/],
      ['crlf', `${first}\r\n${second}\n`, /:1: -: ends with a carriage return \(CRLF\)/],
      ['not json', `${first}\n{"at":\n`, /:2: -: not JSON/],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...damage), async ([, text, expected]) => {
        await writeFile(file, text);
        const r = await remdesk(['validate', data]);
        refused(r, 1);
        expect(r.stdout).toMatch(new RegExp(`history\\.jsonl${expected.source}`, 'm'));
      }),
      { numRuns: 12 },
    );
    // A write would bury the damage under a new line: import refuses it with the same words, and
    // leaves the archive byte for byte (a left-over .tmp- folder too: nothing is touched).
    await mkdir(join(data, 'snapshots', '.tmp-2026-12-01T080000Z-1'));
    for (const [kind, text, expected] of damage) {
      await writeFile(file, text);
      const before = await hashTree(data);
      const r = await remdesk(['import', await newActivities(dir), '--data', data]);
      refused(r, 1, new RegExp(`history\\.jsonl${expected.source}`, 'm'), /nothing was written/);
      expect(await hashTree(data), kind).toEqual(before);
    }
  });
});

describe('export --out never writes into an archive', () => {
  it('refuses the archive, anything in it, any other archive — by real path, exit 2, nothing written', async () => {
    const { dir, data } = await fresh();
    await symlink(data, join(dir, 'link'));
    const other = join(dir, 'other');
    await mkdir(join(other, 'snapshots'), { recursive: true });
    const before = await hashTree(dir);
    for (const out of [
      data,
      join(data, 'team.zip'),
      join(data, 'snapshots', 'x.zip'),
      join(data, 'snapshots', '..', 'team.zip'),
      join(dir, 'link', 'snapshots', 'x.zip'),
      join(other, 'team.zip'),
    ]) {
      const r = await remdesk(['export', '--data', data, '--out', out]);
      refused(r, 2, /--out .* (is the archive|lies inside)/);
      expect(await hashTree(dir)).toEqual(before);
    }
    // Without --out it writes into the current folder: in the archive, refused too.
    refused(await remdesk(['export', '--data', '.'], data), 2, /--out remdesk-team-.* lies inside/);
    expect(await hashTree(dir)).toEqual(before);
  });
});

describe('symbolic links out of the archive', () => {
  const links: [string, (data: string, outside: string) => Promise<string>][] = [
    [
      'history.jsonl',
      async (data, outside) => replaceByLink(join(data, 'history.jsonl'), join(outside, 'history.jsonl')),
    ],
    [
      'snapshots',
      async (data, outside) => replaceByLink(join(data, 'snapshots'), join(outside, 'snapshots')),
    ],
    [
      'remdesk.json',
      async (data, outside) => replaceByLink(join(data, 'remdesk.json'), join(outside, 'remdesk.json')),
    ],
    [
      'a snapshot',
      async (data, outside) =>
        replaceByLink(join(data, 'snapshots', '2026-11-29T080000Z'), join(outside, 'snap')),
    ],
    [
      'a snapshot file',
      async (data, outside) =>
        replaceByLink(
          join(data, 'snapshots', '2026-11-29T080000Z', 'devices.csv'),
          join(outside, 'devices.csv'),
        ),
    ],
  ];

  it.each(links)('%s: every command refuses it, naming the link, and writes nothing', async (_name, make) => {
    const { dir, data } = await fresh();
    const outside = join(dir, 'outside');
    await mkdir(outside);
    const link = await make(data, outside);
    const before = await hashTree(dir);
    for (const args of [
      ['import', RECOMMENDATIONS, '--data', data],
      ['sample', '--out', data, '--devices', '50', '--weeks', '2'],
      ['diff', '--data', data],
      ['export', '--data', data, '--out', join(dir, 'team.zip')],
      ['report', '--data', data, '--out', join(dir, 'site')],
    ]) {
      const r = await remdesk(args);
      refused(r, 1, new RegExp(`${literal(link)}:-: -: a symbolic link to .*outside the archive`));
      expect(await hashTree(dir)).toEqual(before);
    }
    const v = await remdesk(['validate', data]);
    refused(v, 1);
    expect(v.stdout).toContain(`${link}:-: -: a symbolic link to`);
  });
});

describe('output', () => {
  it('validate | head -1 ends quietly', async () => {
    const { data } = await fresh();
    const { code, stderr } = await remdeskIntoClosedPipe(['validate', data, data, data]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('never prints a control character of a file name: escape and newline are shown escaped', async () => {
    const { dir, data } = await fresh();
    const name = join(dir, 'evil\x1b[31m\nline.json');
    await writeFile(name, '{"value": [');
    const r = await remdesk(['import', name, '--data', data]);
    refused(r, 1);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain('evil\\u001b[31m\\nline.json:');
    expect(
      r.stderr
        .split('\n')
        .filter((l) => l.includes('line.json'))
        .every((l) => l.includes('evil')),
    ).toBe(true);
    const missing = await remdesk(['validate', join(dir, 'gone\x07\r.json')]);
    expect(missing.stdout).toContain('gone\\u0007\\r.json');
    expect(missing.stdout).not.toMatch(/[\x07\r]/);
  });
});

describe('a path with a newline and control characters in it', () => {
  it('never forges a line of output: every line import, validate, export and report print is one of theirs', async () => {
    const dir = await tempDir('safety-names');
    const evil = 'x\x1b[31m\ny\x07';
    const data = join(dir, `archive-${evil}`);
    await cp(template, data, { recursive: true });
    for (const args of [
      ['import', await newActivities(dir), '--data', data],
      ['validate', data],
      ['export', '--data', data, '--out', join(dir, `team-${evil}.zip`)],
      ['report', '--data', data, '--out', join(dir, `site-${evil}`)],
    ]) {
      const r = await remdesk(args);
      expect(r.code, r.stderr).toBe(0);
      // Each line names the path escaped (report adds a line for the summary's PDFs): none is forged.
      const lines = r.stdout.split('\n');
      expect(lines.at(-1), args[0]).toBe('');
      for (const line of lines.slice(0, -1)) expect(line, args[0]).toContain('x\\u001b[31m\\ny\\u0007');
      expect(r.stdout).not.toMatch(/[\x07\x1b]/);
    }
  });
});

async function replaceByLink(path: string, target: string): Promise<string> {
  await cp(path, target, { recursive: true });
  await rm(path, { recursive: true });
  await symlink(target, path);
  return path;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid ?? 0;
  await new Promise((done) => child.on('close', done));
  return pid;
}
