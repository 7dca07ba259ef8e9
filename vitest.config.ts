import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Integration tests run once on embedded PGlite and, when TEST_DATABASE_URL is set,
// once more on real PostgreSQL: the same files, a different TESSERA_TEST_DB.
const integration = (name: string, db: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['tests/integration/**/*.test.ts'],
    env: { TESSERA_TEST_DB: db },
    // Each file's databases are copies of ones the run prepares once (tests/integration/helpers/prepared-database.ts).
    globalSetup: ['tests/integration/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    // A worker runs file after file in one module graph: what a file costs before its first test
    // (importing the platform, compiling PGlite, warming up) is paid once per worker, not per file.
    isolate: false,
  },
});

export default defineConfig({
  test: {
    // Integration tests wait on the database most of the time: one worker more than the cores keeps
    // them busy (vitest's default is one fewer, a single worker on 2 cores). Capped for the
    // connections each file's databases open.
    maxWorkers: Math.min(4, availableParallelism() + 1),
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      integration('integration', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('integration-pg', 'postgres')] : []),
      // E2E_WORKERS=2 runs two browser test files at a time: each boots its own server on its own
      // in-memory database and a port of its own, and each browser gets a fresh profile folder, so files
      // share nothing but the built web app. One at a time by default until a full run with two is
      // green on a quiet 2-core machine (see docs/decisions.md). A polled expectation waits up to 5 s
      // (Playwright's own default) rather than 1 s: a busy machine can take longer to show a page.
      {
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000, hookTimeout: 180_000, maxWorkers: Number(process.env.E2E_WORKERS ?? 1), isolate: false,
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
});
