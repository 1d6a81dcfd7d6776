// Emits src/generated/spec.ts: runtime metadata (no prose) and the upload helpers derived from it.
import { header } from './render.mjs';

function str(value) {
  if (/['\\\n]/.test(value)) throw new Error(`spec.ts: unexpected character in "${value}"`);
  return `'${value}'`;
}

function list(values) {
  return `[${values.map(str).join(', ')}]`;
}

function paramSpec(field) {
  return `{ name: ${str(field.name)}, types: ${list(field.types)}, required: ${field.required} }`;
}

const inner = (t) => t.replace(/^(Array of )+/, '');

/**
 * The types whose JSON value may carry an upload: a field typed `InputFile`, a string field that
 * takes `attach://<name>`, or a field or union member of such a type (fixed point).
 * Returns each such type with the fields through which uploads travel.
 */
export function uploadCarriers(spec) {
  const byName = new Map(spec.types.map((t) => [t.name, t]));
  const carriers = new Map();
  const direct = (field) =>
    field.types.includes('InputFile') || /attach:\/\//.test(field.description);
  let changed = true;
  while (changed) {
    changed = false;
    for (const type of spec.types) {
      const known = carriers.get(type.name);
      if (type.fields) {
        const fields = type.fields
          .filter((f) => direct(f) || f.types.some((t) => carriers.has(inner(t))))
          .map((f) => f.name);
        if (fields.length > 0 && fields.length !== known?.length) {
          carriers.set(type.name, fields);
          changed = true;
        }
      } else if (
        !known &&
        type.subtypes?.some((m) => carriers.has(inner(m)) && byName.has(inner(m)))
      ) {
        carriers.set(type.name, []);
        changed = true;
      }
    }
  }
  return carriers;
}

function methodRecord(spec, pick) {
  const lines = [];
  for (const method of spec.methods) {
    const names = (method.fields ?? []).filter(pick).map((f) => f.name);
    if (names.length > 0) lines.push(`  ${method.name}: ${list(names)},`);
  }
  return `{\n${lines.join('\n')}\n}`;
}

/**
 * Renders spec.ts for a loaded spec.
 * @param {ReturnType<typeof import('./loadSpec.mjs').loadSpec>} spec
 */
export function emitSpec(spec) {
  const carriers = uploadCarriers(spec);
  const out = [header(spec.version), "import type { MethodName } from './methods.js';\n"];
  out.push(`/** The Bot API version the generated code covers. */
export const BOT_API_VERSION = ${str(spec.version)};
`);
  out.push(`/**
 * One field of a type or parameter of a method, as the spec states it. \`types\` holds the spec's
 * alternatives: \`Integer\`, \`Float\`, \`String\`, \`Boolean\`, \`InputFile\`, a type name, or
 * \`Array of X\` (nested as \`Array of Array of X\`).
 */
export interface ParamSpec {
  /** The field's name as Telegram spells it (snake_case). */
  readonly name: string;
  /** The accepted types, one string per alternative. */
  readonly types: readonly string[];
  /** False when the field may be left out. */
  readonly required: boolean;
}

/** The machine-readable shape of a Bot API method. */
export interface MethodSpec {
  /** The parameters in spec order (empty when the method takes none). */
  readonly params: readonly ParamSpec[];
  /** The alternative result types (\`Boolean\` means the method returns \`true\`). */
  readonly returns: readonly string[];
}

/** The machine-readable shape of a Bot API type: an object (\`fields\`), a union (\`subtypes\`) or a marker (neither). */
export interface TypeSpec {
  /** The fields of an object type, in spec order. */
  readonly fields?: readonly ParamSpec[];
  /** The members of a union type. */
  readonly subtypes?: readonly string[];
}
`);
  const methodLines = spec.methods.map((m) => {
    const params = (m.fields ?? []).map((f) => `      ${paramSpec(f)},`).join('\n');
    const p = params ? `[\n${params}\n    ]` : '[]';
    return `  ${m.name}: {\n    params: ${p},\n    returns: ${list(m.returns)},\n  },`;
  });
  out.push(`/** Every Bot API method's parameters and result types, for validation and encoding. */
export const METHOD_SPECS: Readonly<Record<MethodName, MethodSpec>> = {
${methodLines.join('\n')}
};
`);
  const typeLines = spec.types.map((t) => {
    if (t.fields) {
      return `  ${t.name}: {\n    fields: [\n${t.fields.map((f) => `      ${paramSpec(f)},`).join('\n')}\n    ],\n  },`;
    }
    if (t.subtypes) return `  ${t.name}: { subtypes: ${list(t.subtypes)} },`;
    return `  ${t.name}: {},`;
  });
  out.push(`/** Every Bot API type's fields or union members, by type name. */
export const TYPE_SPECS: Readonly<Record<string, TypeSpec>> = {
${typeLines.join('\n')}
};
`);
  const carrierLines = [...carriers].map(([name, fields]) => `  ${name}: ${list(fields)},`);
  out.push(`/**
 * The types whose JSON value may carry an upload (an \`InputFile\` field, an \`attach://<name>\`
 * string, or such a type nested inside), with the fields uploads travel through (empty for unions:
 * look at the member that the value's discriminator names).
 */
export const UPLOAD_CARRIER_TYPES: Readonly<Record<string, readonly string[]>> = {
${carrierLines.join('\n')}
};
`);
  out.push(`/**
 * For each method that has them, the parameters that may be an \`InputFile\` themselves and so are
 * sent as multipart parts when they are one.
 */
export const METHOD_FILE_PARAMS: Readonly<Partial<Record<MethodName, readonly string[]>>> = ${methodRecord(
    spec,
    (f) => f.types.includes('InputFile'),
  )};
`);
  out.push(`/**
 * For each method that has them, the parameters whose JSON value may contain \`attach://<name>\`
 * references to uploads sent alongside (media groups, edited media, stickers, paid media, ...).
 */
export const METHOD_ATTACH_PARAMS: Readonly<Partial<Record<MethodName, readonly string[]>>> = ${methodRecord(
    spec,
    (f) => f.types.some((t) => carriers.has(inner(t))),
  )};
`);
  return out.join('\n');
}
