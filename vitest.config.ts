import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, entry = 'index'): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));
const exact = (name: string): RegExp => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`);

// Tests run against the TypeScript sources of the workspace packages (no build needed);
// the packages' `exports` maps point at dist/ for everyone else.
export default defineConfig({
  resolve: {
    alias: [
      { find: exact('@delegram/api'), replacement: src('api') },
      { find: exact('@delegram/emulator'), replacement: src('emulator') },
      { find: exact('delegram'), replacement: src('core') },
      { find: exact('delegram/testing'), replacement: src('core', 'testing/index') },
      { find: exact('@delegram/sqlite'), replacement: src('sqlite') },
      { find: exact('@delegram/redis'), replacement: src('redis') },
      {
        find: exact('@delegram-examples/launcher'),
        replacement: fileURLToPath(new URL('./examples/launcher/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/bench/test/**/*.test.mjs',
      'examples/*/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // one real redis-server for the run, on a free port, stopped by its pid (see its file)
    globalSetup: ['packages/redis/test/globalSetup.ts'],
    // after each test, no example's bot was answered 429 by the emulator it launched
    setupFiles: ['examples/launcher/test/noFloodTrips.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
