import { join } from 'node:path';
import { run } from '../test/cli/helpers.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'remdesk.mjs');
// Preloaded into the command and every Node process it starts (through NODE_OPTIONS): each
// reports its peak resident memory when it exits.
const REPORT_PEAK = `data:text/javascript,${encodeURIComponent(
  "process.on('exit',()=>process.stderr.write('\\nremdesk-peak-rss '+process.pid+' '+process.resourceUsage().maxRSS+'\\n'))",
)}`;
const PEAK_LINE = /\nremdesk-peak-rss (\d+) (\d+)\n/g;

/**
 * The peak of the command and the processes it started, added up (a process's threads report
 * the same process's peak: counted once). Their peaks need not coincide: an upper bound.
 */
function peakOf(stderr: string): number {
  const byProcess = new Map<string, number>();
  for (const [, pid, kb] of stderr.matchAll(PEAK_LINE)) {
    byProcess.set(pid as string, Math.max(byProcess.get(pid as string) ?? 0, Number(kb) * 1024));
  }
  return byProcess.size === 0 ? Number.NaN : [...byProcess.values()].reduce((a, b) => a + b, 0);
}

export interface ProcessRun {
  readonly code: number | null;
  readonly ms: number;
  /** Peak resident set size of the command and the processes it started, in bytes. */
  readonly peakBytes: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `remdesk` in its own process, so time and peak memory are the command's alone
 * (`env` is added to this process's).
 */
export async function runRemdesk(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ProcessRun> {
  const start = performance.now();
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${REPORT_PEAK}`].filter(Boolean).join(' ');
  const r = await run(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions },
  });
  const ms = performance.now() - start;
  return {
    code: r.code,
    ms,
    peakBytes: peakOf(r.stderr),
    stdout: r.stdout,
    stderr: r.stderr.replace(PEAK_LINE, ''),
  };
}
