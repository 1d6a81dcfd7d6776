// Installed versions of the packages a row depends on, read from the bench package's node_modules
// (workspace packages are symlinked there).
import { readFileSync } from 'node:fs';

/** `{ name: version }` for each package. */
export function installedVersions(packages) {
  const out = {};
  for (const p of packages) {
    try {
      const url = new URL(`../../node_modules/${p}/package.json`, import.meta.url);
      out[p] = JSON.parse(readFileSync(url, 'utf8')).version;
    } catch {
      // a dependency of a workspace package (better-sqlite3 of @delegram/sqlite)
      const owner = { 'better-sqlite3': 'sqlite', redis: 'redis' }[p];
      try {
        const url = new URL(`../../../${owner}/node_modules/${p}/package.json`, import.meta.url);
        out[p] = JSON.parse(readFileSync(url, 'utf8')).version;
      } catch {
        out[p] = 'not installed';
      }
    }
  }
  return out;
}
