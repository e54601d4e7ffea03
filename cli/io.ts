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
}

export function processIo(): Io {
  const tty = process.stderr.isTTY === true;
  let pending = false;
  const clear = () => {
    if (pending) process.stderr.write('\r\x1b[K');
    pending = false;
  };
  return {
    out(line) {
      clear();
      process.stdout.write(`${line}\n`);
    },
    err(line) {
      clear();
      process.stderr.write(`${line}\n`);
    },
    progress(line) {
      if (!tty) return;
      process.stderr.write(`\r\x1b[K${line}`);
      pending = true;
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
  };
}
