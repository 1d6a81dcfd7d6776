import { badRequest } from '../ApiError.js';
import type { UploadedFile } from '../methods/MethodContext.js';
import {
  findMissingField,
  pickAlternative,
  SCALAR_TYPES,
  type TypeSpecLike,
} from './findMissingField.js';

/** One parameter of a method as the spec describes it (the shape of `@delegram/api`'s `ParamSpec`). */
export interface ParamSpecLike {
  /** The parameter's name (snake_case). */
  readonly name: string;
  /** The spec's type strings: `Integer`, `String`, `Boolean`, `Float`, `InputFile`, `Array of X`, type names. */
  readonly types: readonly string[];
  /** Whether the method needs it. */
  readonly required: boolean;
}

/** Descriptions Telegram uses for some missing parameters instead of the generic one. */
const MISSING: Record<string, string> = {
  chat_id: 'chat_id is empty',
  'sendMessage.text': 'message text is empty',
  'editMessageText.text': 'message text is empty',
};

/** Required parameters for which an empty string is a meaningful value, not a missing one. */
const EMPTY_ALLOWED = new Set(['setWebhook.url']);

/**
 * Decodes and checks raw request parameters against a method's spec, the way Telegram does.
 *
 * - A required parameter that is absent, `null` or an empty string fails with `chat_id is empty`
 *   (for `chat_id`) or `parameter "<name>" is required`; an `InputFile` parameter is also present
 *   when an upload of that name was sent. (`setWebhook`'s `url` may be empty: that removes the
 *   webhook.)
 * - Strings are coerced: integers and floats to numbers, `true`/`false`/`1`/`0` to booleans, JSON
 *   text to objects and arrays for object and `Array of …` parameters.
 * - A value that fits none of the spec's types fails with `parameter "<name>" must be of type …`;
 *   JSON that does not parse fails with `can't parse <name> JSON object`.
 * - Inside object parameters, a missing required field fails with `can't parse <name> JSON
 *   object: field "<path>" is required` (see {@link findMissingField}; scalar fields inside are
 *   not type-checked, as Telegram's JSON reader is lenient there).
 * - Parameters the spec does not know pass through unchanged (Telegram ignores them).
 *
 * @param method - the canonical method name (used in a few method-specific messages)
 * @param specs - the method's parameters
 * @param raw - raw values (strings from forms and query strings, any JSON value from JSON bodies)
 * @param files - uploads by part name
 * @param types - the spec's types by name (`TYPE_SPECS`), for checks inside objects
 * @returns the decoded parameters
 * @throws ApiError (400) on a missing or ill-typed parameter
 */
export function validateParams(
  method: string,
  specs: readonly ParamSpecLike[],
  raw: Readonly<Record<string, unknown>>,
  files: ReadonlyMap<string, UploadedFile>,
  types: Readonly<Record<string, TypeSpecLike>> = {},
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...raw };
  for (const spec of specs) {
    const value = raw[spec.name];
    const absent =
      value === undefined ||
      value === null ||
      (value === '' && !EMPTY_ALLOWED.has(`${method}.${spec.name}`));
    if (absent) {
      delete params[spec.name];
      const uploaded = spec.types.includes('InputFile') && files.has(spec.name);
      if (spec.required && !uploaded) {
        throw badRequest(
          MISSING[`${method}.${spec.name}`] ??
            MISSING[spec.name] ??
            `parameter "${spec.name}" is required`,
        );
      }
      continue;
    }
    params[spec.name] = decodeValue(spec, value, types);
  }
  return params;
}

function decodeValue(
  spec: ParamSpecLike,
  value: unknown,
  typeSpecs: Readonly<Record<string, TypeSpecLike>>,
): unknown {
  const { types, name } = spec;
  const structured = types.filter((t) => !SCALAR_TYPES.has(t));
  if (typeof value === 'string') {
    if (types.includes('Integer') && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
    if (types.includes('Float') && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
    if (types.includes('Boolean')) {
      const lower = value.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
    }
    if (types.includes('String') || types.includes('InputFile')) return value;
    if (structured.length > 0) {
      return checkStructured(spec, structured, parseJson(name, value), typeSpecs);
    }
    throw wrongType(spec);
  }
  if (typeof value === 'number') {
    if (types.includes('Integer') && Number.isInteger(value)) return value;
    if (types.includes('Float') && Number.isFinite(value)) return value;
    if (types.includes('String')) return String(value);
    throw wrongType(spec);
  }
  if (typeof value === 'boolean') {
    if (types.includes('Boolean')) return value;
    if (types.includes('String')) return String(value);
    throw wrongType(spec);
  }
  if (typeof value === 'object' && structured.length > 0) {
    return checkStructured(spec, structured, value, typeSpecs);
  }
  throw wrongType(spec);
}

function checkStructured(
  spec: ParamSpecLike,
  structured: string[],
  value: unknown,
  typeSpecs: Readonly<Record<string, TypeSpecLike>>,
): unknown {
  if (Array.isArray(value)) {
    const arrayType = structured.find((t) => t.startsWith('Array of '));
    if (arrayType === undefined) throw wrongType(spec);
    const element = arrayType.slice('Array of '.length);
    value.forEach((item, index) => checkElement(spec.name, element, item, index));
  } else if (typeof value !== 'object' || value === null) {
    throw wrongType(spec);
  } else if (!structured.some((t) => !t.startsWith('Array of '))) {
    throw wrongType(spec);
  }
  const chosen = pickAlternative(value, structured, typeSpecs);
  if (chosen === undefined) throw badRequest(`can't parse ${humanize(spec.name)} JSON object`);
  const missing = findMissingField(value, chosen, typeSpecs, spec.name);
  if (missing !== undefined) {
    throw badRequest(
      `can't parse ${humanize(spec.name)} JSON object: field "${missing}" is required`,
    );
  }
  return value;
}

function checkElement(name: string, element: string, item: unknown, index: number): void {
  const ok =
    element === 'Integer'
      ? Number.isInteger(item)
      : element === 'String'
        ? typeof item === 'string'
        : typeof item === 'object' && item !== null && !Array.isArray(item);
  if (!ok) {
    throw badRequest(`element ${index} of parameter "${name}" must be of type ${element}`);
  }
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(`can't parse ${humanize(name)} JSON object`);
  }
}

function humanize(name: string): string {
  return name === 'reply_markup' ? 'reply keyboard markup' : name.replaceAll('_', ' ');
}

function wrongType(spec: ParamSpecLike): Error {
  const names = spec.types.map((t) => (t === 'InputFile' ? 'InputFile (an upload)' : t));
  return badRequest(`parameter "${spec.name}" must be of type ${names.join(' or ')}`);
}
