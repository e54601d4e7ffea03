import { defineConfig } from 'vitest/config';

const unitDirs = ['core', 'cli', 'extension', 'site', 'bench'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: unitDirs.map((d) => `${d}/**/*.test.ts`),
          testTimeout: 20_000,
        },
      },
      {
        // End-to-end: the real command as a subprocess, the built site and extension in Chromium.
        // One file at a time: each drives a browser or a build, and the machine has 2 cores.
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
