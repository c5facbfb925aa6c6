import { defineConfig } from 'vitest/config';

// The bench's own helpers: `npx vitest run --config bench/vitest.config.ts`. The benchmark itself is
// `npm run bench`; these tests only check what it computes and reports.
export default defineConfig({
  test: {
    name: 'bench',
    root: import.meta.dirname,
    environment: 'node',
    include: ['**/*.test.ts'],
    testTimeout: 30_000,
  },
});
