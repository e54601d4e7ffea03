import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'cli/**/*.test.ts',
      'extension/**/*.test.ts',
      'site/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 20_000,
  },
});
