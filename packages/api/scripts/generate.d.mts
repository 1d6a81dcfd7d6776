/** The repository root. */
export declare const REPO_ROOT: string;
/** Where the spec files live by default: `../shared/botapi` relative to the repository root. */
export declare const DEFAULT_SPEC_DIR: string;
/** Where the generated files go (`packages/api/src/generated`). */
export declare const OUTPUT_DIR: string;

/** What the 10.1 → 10.2 delta added or changed, as `Type.field` / `method.param` / names. */
export interface SpecDelta {
  readonly newMethods: readonly string[];
  readonly newTypes: readonly string[];
  readonly newFields: readonly string[];
  readonly changedRequired: readonly string[];
  readonly removed: readonly string[];
  readonly removedFields: readonly string[];
}

/** Counts of the merged spec and the delta that was applied. */
export interface SpecSummary {
  readonly version: string;
  readonly baseVersion: string;
  readonly methods: number;
  readonly types: number;
  readonly unions: number;
  readonly delta: SpecDelta;
}

/**
 * Generates the Bot API sources from `api.json` and `aiogram-schema-10.2.json` in `specDir`,
 * without touching the disk.
 * @returns file name relative to `src/generated` → file content
 */
export declare function generate(specDir?: string): Map<string, string>;

/** Loads and merges the spec and reports its counts and the delta applied. */
export declare function specSummary(specDir?: string): SpecSummary;
