#!/usr/bin/env node
// The `remdesk` command. The command line is TypeScript, run from a bundle made on the first run
// after a change to it (cli-bundle.mjs): there is no build step between editing core/ and using it.
import module from 'node:module';
import { join } from 'node:path';
import { cliBundle } from './cli-bundle.mjs';

// Node's module compile cache: V8's code for the bundle, and for the report's compiled pages in
// its threads, kept between runs instead of compiled on each (a few tenths of a second of every
// report). Node's own switch: NODE_COMPILE_CACHE names another folder, NODE_DISABLE_COMPILE_CACHE
// turns it off. Set in the environment so the threads and processes this one starts use it too.
process.env.NODE_COMPILE_CACHE ??= join(import.meta.dirname, '..', 'node_modules', '.cache', 'remdesk-node');
module.enableCompileCache?.();

// Errors name the TypeScript sources' lines, not the bundle's.
process.setSourceMapsEnabled(true);
const { main } = await import(await cliBundle());
process.exitCode = await main(process.argv.slice(2));
