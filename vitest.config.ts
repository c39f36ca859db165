import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const faults = process.env.TEST_SUITE === 'faults';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the servers; Vite would give our code the ESM
    // build, and two GraphQLError classes break `instanceof` checks in Yoga and Apollo.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // `npm run test:faults` runs the services as processes, kills them and restarts PostgreSQL: alone, after the suite.
    include: faults ? ['test/faults/**/*.test.ts'] : ['subgraphs/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: faults ? [] : ['test/faults/**', '**/node_modules/**'],
    fileParallelism: !faults,
    testTimeout: faults ? 120_000 : 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Services log JSON lines per request; tests that read logs run the services as processes.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
  },
});
