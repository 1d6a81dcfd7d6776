import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources of the workspace packages (no build needed);
// the packages' `exports` maps point at dist/ for everyone else.
export default defineConfig({
  resolve: {
    alias: {
      '@delegram/api': src('api'),
      '@delegram/emulator': src('emulator'),
      delegram: src('core'),
      '@delegram-examples/launcher': fileURLToPath(
        new URL('./examples/launcher/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/bench/test/**/*.test.mjs',
      'examples/*/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
