#!/usr/bin/env node
// The `remdesk` command. The command line is TypeScript, run from a bundle made on the first run
// after a change to it (cli-bundle.mjs): there is no build step between editing core/ and using it.
import { cliBundle } from './cli-bundle.mjs';

// Errors name the TypeScript sources' lines, not the bundle's.
process.setSourceMapsEnabled(true);
const { main } = await import(await cliBundle());
process.exitCode = await main(process.argv.slice(2));
