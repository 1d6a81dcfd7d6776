import type { ParamSpecLike } from './validateParams.js';

/** The shape of a Bot API type as the spec states it (`@delegram/api`'s `TypeSpec`). */
export interface TypeSpecLike {
  /** Fields of an object type. */
  readonly fields?: readonly ParamSpecLike[];
  /** Members of a union type. */
  readonly subtypes?: readonly string[];
}

/** Type strings that are not objects. */
export const SCALAR_TYPES: ReadonlySet<string> = new Set([
  'Integer',
  'Float',
  'Boolean',
  'String',
  'InputFile',
  'True',
]);

const MAX_DEPTH = 12;

/**
 * Finds the first required field missing inside a JSON value of a spec type, recursively.
 *
 * Deliberately lenient, like Telegram's JSON reader: only required fields are checked (scalar
 * types are not, numbers may be strings there), union types are not descended into, and where a
 * field allows several object types, the first one whose required top-level fields are present is
 * used.
 *
 * @param value - the decoded JSON value
 * @param typeName - a type name or `Array of X`
 * @param types - the spec's types by name
 * @param path - where `value` sits, for the answer (e.g. `reply_markup`)
 * @returns the path of the missing field (e.g. `inline_keyboard[0][1].text`), or undefined
 */
export function findMissingField(
  value: unknown,
  typeName: string,
  types: Readonly<Record<string, TypeSpecLike>>,
  path: string,
  depth = 0,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeName.startsWith('Array of ')) {
    if (!Array.isArray(value)) return undefined;
    const inner = typeName.slice('Array of '.length);
    for (let i = 0; i < value.length; i++) {
      const missing = findMissingField(value[i], inner, types, `${path}[${i}]`, depth + 1);
      if (missing !== undefined) return missing;
    }
    return undefined;
  }
  const fields = types[typeName]?.fields;
  if (fields === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const field of fields) {
    const fieldValue = record[field.name];
    const fieldPath = path === '' ? field.name : `${path}.${field.name}`;
    if (fieldValue === undefined || fieldValue === null) {
      if (field.required) return fieldPath;
      continue;
    }
    const structured = field.types.filter((t) => !SCALAR_TYPES.has(t));
    const chosen = pickAlternative(fieldValue, structured, types);
    if (chosen === undefined) continue;
    const missing = findMissingField(fieldValue, chosen, types, fieldPath, depth + 1);
    if (missing !== undefined) return missing;
  }
  return undefined;
}

/**
 * Picks which of several allowed object types a value is: the only one, or the first (of the
 * right shape, array or not) whose required top-level fields are all present.
 *
 * @param value - the decoded JSON value
 * @param structured - the allowed non-scalar types
 * @param types - the spec's types by name
 * @returns the type to check the value against, or undefined when none fits
 */
export function pickAlternative(
  value: unknown,
  structured: readonly string[],
  types: Readonly<Record<string, TypeSpecLike>>,
): string | undefined {
  const shaped = structured.filter((t) => t.startsWith('Array of ') === Array.isArray(value));
  if (shaped.length <= 1) return shaped[0];
  return shaped.find((t) => fitsShallow(value, t, types));
}

/** Whether a value has the required top-level fields of a type (the first element, for arrays). */
function fitsShallow(
  value: unknown,
  typeName: string,
  types: Readonly<Record<string, TypeSpecLike>>,
): boolean {
  if (typeName.startsWith('Array of ')) {
    if (!Array.isArray(value)) return false;
    return value.length === 0 || fitsShallow(value[0], typeName.slice('Array of '.length), types);
  }
  const fields = types[typeName]?.fields;
  if (fields === undefined) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return fields.every(
    (f) => !f.required || (record[f.name] !== undefined && record[f.name] !== null),
  );
}
