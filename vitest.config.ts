import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the servers; Vite would give our code the ESM
    // build, and two GraphQLError classes break `instanceof` checks in Yoga and Apollo.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['subgraphs/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Services log JSON lines per request; tests that read logs run the services as processes.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
  },
});
