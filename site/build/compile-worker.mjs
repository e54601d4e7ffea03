// Runs Astro's build in a process of its own (see compile-site.ts). Plain JavaScript, started
// without the parent's flags: tests and benchmarks build from TypeScript, and a TypeScript
// loader's hooks would answer each of the thousands of module loads of Astro, Vite and Rollup.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { build } from 'astro';

// A compilation nobody waits for any more (the command line stopped) ends with its channel.
process.once('disconnect', () => process.exit(1));

const { define, ...options } = await new Promise((resolve) => process.once('message', resolve));

// The files the compilation read, so that the renderer is kept for exactly as long as they are
// unchanged (compile-site.ts). Vite's own ids: a file's path, with a query for the parts of an
// .astro file; virtual modules start with a NUL or are no path at all.
const read = new Set();
const recordInputs = {
  name: 'remdesk-record-inputs',
  buildEnd() {
    for (const id of this.getModuleIds()) {
      const file = id.split('?')[0];
      if (isAbsolute(file) && existsSync(file)) read.add(file);
    }
  },
};

// Exits once the answer is sent: Vite's esbuild service would keep the process waiting.
const answer = (message, code) => process.send(message, () => process.exit(code));
try {
  await build({ ...options, vite: { define, plugins: [recordInputs] } });
  answer({ ok: true, inputs: [...read] }, 0);
} catch (error) {
  answer({ ok: false, message: String(error?.stack ?? error) }, 1);
}
