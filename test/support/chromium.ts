/**
 * Chromium's flags for every test and benchmark that launches it: no sandbox (containers run as
 * root), no GPU, and none of the background traffic a browser starts on its own (updates, sync,
 * QUIC), so a test sees only the requests its page makes.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
