import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Tells whether a module is the program node was started with (`node dist/main.js`), so an
 * example's entry file can both export `main()` for tests and run it from the command line.
 *
 * @example
 * ```ts
 * if (isMain(import.meta.url)) await main();
 * ```
 * @param moduleUrl - the module's `import.meta.url`
 * @returns `true` when `process.argv[1]` is this module
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined || !moduleUrl.startsWith('file:')) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
