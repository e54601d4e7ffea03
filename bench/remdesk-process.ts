import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'bin', 'remdesk.mjs');
// Preloaded into the child: reports its peak resident memory when it exits.
const REPORT_PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nremdesk-peak-rss '+process.resourceUsage().maxRSS+'\\n'))`;

export interface ProcessRun {
  readonly code: number | null;
  readonly ms: number;
  /** Peak resident set size of the command, in bytes. */
  readonly peakBytes: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `remdesk` in its own process, so time and peak memory are the command's alone. */
export function runRemdesk(args: readonly string[]): Promise<ProcessRun> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_PEAK, BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const peak = /remdesk-peak-rss (\d+)/.exec(stderr);
      done({
        code,
        ms,
        peakBytes: peak ? Number(peak[1]) * 1024 : Number.NaN,
        stdout,
        stderr: stderr.replace(/\nremdesk-peak-rss \d+\n/, ''),
      });
    });
  });
}
