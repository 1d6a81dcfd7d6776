// Generates packages/api/src/generated/ from the Bot API spec in ../shared/botapi.
// `pnpm generate` runs this file; tests import `generate` to compare with the committed output.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitFriendlyApi } from './lib/emitFriendlyApi.mjs';
import { emitMethods } from './lib/emitMethods.mjs';
import { emitSpec } from './lib/emitSpec.mjs';
import { emitTypes } from './lib/emitTypes.mjs';
import { loadSpec } from './lib/loadSpec.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (three levels above this script). */
export const REPO_ROOT = resolve(here, '../../..');
/** Where the spec files live by default: `../shared/botapi` relative to the repository root. */
export const DEFAULT_SPEC_DIR = resolve(REPO_ROOT, '../shared/botapi');
/** Where the generated files go. */
export const OUTPUT_DIR = resolve(here, '../src/generated');

/**
 * Generates the Bot API sources from the spec files in `specDir`, without touching the disk.
 * @param {string} [specDir]
 * @returns {Map<string, string>} file name (relative to src/generated) → content
 */
export function generate(specDir = DEFAULT_SPEC_DIR) {
  const spec = loadSpec(specDir);
  return new Map([
    ['types.ts', emitTypes(spec)],
    ['methods.ts', emitMethods(spec)],
    ['spec.ts', emitSpec(spec)],
    ['FriendlyApi.ts', emitFriendlyApi(spec)],
  ]);
}

/**
 * Loads the spec and reports what the 10.1 → 10.2 delta added or changed.
 * @param {string} [specDir]
 */
export function specSummary(specDir = DEFAULT_SPEC_DIR) {
  const spec = loadSpec(specDir);
  return {
    version: spec.version,
    baseVersion: spec.baseVersion,
    methods: spec.methods.length,
    types: spec.types.length,
    unions: spec.types.filter((t) => t.subtypes).length,
    delta: spec.delta,
  };
}

function main() {
  const specDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SPEC_DIR;
  const files = generate(specDir);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const name of readdirSync(OUTPUT_DIR)) {
    if (!files.has(name)) rmSync(join(OUTPUT_DIR, name));
  }
  for (const [name, content] of files) writeFileSync(join(OUTPUT_DIR, name), content);
  const s = specSummary(specDir);
  process.stdout.write(
    `Bot API ${s.version}: ${s.methods} methods, ${s.types} types (${s.unions} unions) → ${OUTPUT_DIR}\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
