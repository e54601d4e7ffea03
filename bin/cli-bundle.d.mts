/**
 * The command line's bundle for the repository at `root` (cli/main.ts and what it imports), made
 * first when its sources changed; returns its file URL.
 */
export function cliBundle(root?: string): Promise<string>;
