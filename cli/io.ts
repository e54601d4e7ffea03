import { printable } from '../core/index.ts';

/**
 * Where a command writes. Results go to stdout; messages and problems to stderr; progress only to a
 * terminal, so piped or captured output stays clean and byte-stable.
 */
export interface Io {
  /** One line of result, to stdout. */
  out(line: string): void;
  /** One line of message or problem, to stderr. */
  err(line: string): void;
  /** Transient progress; shown only when stderr is a terminal. */
  progress(line: string): void;
  /**
   * The start of a phase of long unattended work (`remdesk pull`): transient progress on a
   * terminal, a plain line on stderr elsewhere, so a CI log says where the time went.
   */
  phase(line: string): void;
}

/**
 * A one-line message with every value in it made printable (core's `printable`): a path or value
 * holding a newline shows it as `\n` instead of starting a forged line of output. `out` and `err`
 * keep line breaks, because help texts and indented JSON are several lines by design; so each
 * message that echoes a path or value is built with this.
 */
export const shown = (text: TemplateStringsArray, ...values: unknown[]): string =>
  text.reduce((line, part, i) => line + printable(String(values[i - 1])) + part);

/** Whether stdout and stderr were closed by their reader; watched once per process. */
let closed: { stdout: boolean; stderr: boolean } | null = null;

/**
 * A reader may stop reading before a command is done (`remdesk diff | head`): writing to the pipe
 * then fails with EPIPE, an 'error' event that would end the process with a stack trace. Output to
 * a closed stream is dropped instead, and the command finishes as it would have (an import still
 * writes its snapshot whole) with its own exit code. Any other error of the streams is thrown.
 */
function watchClosing(): { stdout: boolean; stderr: boolean } {
  if (closed) return closed;
  const state = { stdout: false, stderr: false };
  for (const name of ['stdout', 'stderr'] as const) {
    process[name].on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      state[name] = true;
    });
  }
  closed = state;
  return state;
}

export function processIo(): Io {
  const tty = process.stderr.isTTY === true;
  const shut = watchClosing();
  const write = (name: 'stdout' | 'stderr', text: string) => {
    const stream = process[name];
    if (!shut[name] && !stream.destroyed) stream.write(text);
  };
  // A line may hold several (help, indented JSON); within each, a control character from a file
  // name or the data is shown escaped, never sent to the terminal (messages that name a path
  // escape its newlines too, built with `shown`).
  const safe = (text: string) => text.split('\n').map(printable).join('\n');
  let pending = false;
  const clear = () => {
    if (pending) write('stderr', '\r\x1b[K');
    pending = false;
  };
  return {
    out(line) {
      clear();
      write('stdout', `${safe(line)}\n`);
    },
    err(line) {
      clear();
      write('stderr', `${safe(line)}\n`);
    },
    progress(line) {
      if (!tty) return;
      write('stderr', `\r\x1b[K${safe(line)}`);
      pending = true;
    },
    phase(line) {
      if (tty) this.progress(line);
      else this.err(`${new Date().toISOString().slice(11, 19)} ${line}`);
    },
  };
}

/** An Io that records everything (unit tests). */
export function memoryIo(): Io & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    progress: () => {},
    phase: (l) => stderr.push(l),
  };
}
