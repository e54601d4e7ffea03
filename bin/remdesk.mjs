#!/usr/bin/env node
// The `remdesk` command. The command line is TypeScript run through tsx, so there is no build step
// between editing core/ and using it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
