// Emits src/generated/types.ts: one interface per object type, unions as TS unions, Update kinds.
import {
  docComment,
  escapeDoc,
  fieldText,
  header,
  propertyLine,
  prose,
  tsType,
} from './render.mjs';

function typeDoc(type) {
  return [prose(type.description ?? []), '', `@see ${type.href}`];
}

function emitObject(type) {
  let out = docComment(typeDoc(type));
  out += `export interface ${type.name} {\n`;
  for (const field of type.fields) {
    out += docComment([escapeDoc(fieldText(field.description))], '  ');
    out += propertyLine(field);
  }
  return `${out}}\n`;
}

function emitUnion(type) {
  const members = type.subtypes.map((member) => tsType([member]));
  return `${docComment(typeDoc(type))}export type ${type.name} =\n${members.map((m) => `  | ${m}`).join('\n')};\n`;
}

function emitMarker(type) {
  return `${docComment(typeDoc(type))}export type ${type.name} = Record<string, never>;\n`;
}

function emitUpdateKinds(update) {
  const kinds = update.fields.filter((f) => f.name !== 'update_id').map((f) => `'${f.name}'`);
  return (
    docComment([
      'The kinds of update: every key of {@link Update} except `update_id`. An update carries exactly one.',
    ]) +
    `export type UpdateKind = Exclude<keyof Update, 'update_id'>;\n\n` +
    docComment(['Every {@link UpdateKind}, in the order the Bot API reference lists them.']) +
    `export const UPDATE_KINDS: readonly UpdateKind[] = [\n${kinds.map((k) => `  ${k},`).join('\n')}\n];\n`
  );
}

/**
 * Renders types.ts for a loaded spec.
 * @param {ReturnType<typeof import('./loadSpec.mjs').loadSpec>} spec
 */
export function emitTypes(spec) {
  const parts = [header(spec.version), `import type { InputFile } from '../InputFile.js';\n`];
  for (const type of spec.types) {
    if (type.name === 'InputFile') continue;
    if (type.fields) parts.push(emitObject(type));
    else if (type.subtypes) parts.push(emitUnion(type));
    else parts.push(emitMarker(type));
  }
  const update = spec.types.find((t) => t.name === 'Update');
  if (!update?.fields) throw new Error('spec: the Update type is missing');
  parts.push(emitUpdateKinds(update));
  return parts.join('\n');
}
