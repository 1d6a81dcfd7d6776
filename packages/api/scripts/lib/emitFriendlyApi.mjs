// Emits src/generated/FriendlyApi.ts: one method per Bot API method, required parameters first.
import {
  camelCase,
  docComment,
  escapeDoc,
  fieldText,
  fieldType,
  header,
  paramsName,
  prose,
  returnType,
} from './render.mjs';

const RESERVED = new Set(['other', 'signal', 'this', 'arguments']);

function emitMethod(method) {
  const fields = method.fields ?? [];
  const required = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  const args = [];
  const docs = [prose(method.description), ''];
  const payload = [];
  for (const field of required) {
    const arg = camelCase(field.name);
    if (RESERVED.has(arg)) {
      throw new Error(`${method.name}: parameter ${field.name} collides with a generated name`);
    }
    args.push(`${arg}: ${fieldType(field)}`);
    docs.push(`@param ${arg} ${escapeDoc(fieldText(field.description))}`);
    payload.push(arg === field.name ? arg : `${field.name}: ${arg}`);
  }
  const params = paramsName(method.name);
  if (optional.length > 0) {
    const type =
      required.length === 0
        ? params
        : `Omit<${params}, ${required.map((f) => `'${f.name}'`).join(' | ')}>`;
    args.push(`other?: ${type}`);
    docs.push(
      `@param other Optional parameters: ${optional.map((f) => `\`${f.name}\``).join(', ')}.`,
    );
    payload.push('...other');
  }
  args.push('signal?: AbortSignal');
  docs.push('@param signal Aborts the call when it fires.');
  const result = returnType(method.returns);
  docs.push(`@returns Resolves to the result (\`${result}\`).`);
  docs.push(`@see ${method.href}`);
  return (
    docComment(docs, '  ') +
    signature(method.name, args, result) +
    call(method.name, payload) +
    '  }\n'
  );
}

/** The body's call of `raw`, with the payload spread over lines when it would pass 100 columns. */
function call(name, payload) {
  const body = payload.length === 0 ? '{}' : `{ ${payload.join(', ')} }`;
  const flat = `    return this.raw.${name}(${body}, signal);\n`;
  if (flat.length <= 101) return flat;
  return `    return this.raw.${name}(\n      {\n${payload.map((p) => `        ${p},\n`).join('')}      },\n      signal,\n    );\n`;
}

/** The method's signature line, one parameter per line when it would pass 100 columns. */
function signature(name, args, result) {
  const flat = `  ${name}(${args.join(', ')}): Promise<${result}> {\n`;
  if (flat.length <= 101) return flat;
  return `  ${name}(\n${args.map((a) => `    ${a},\n`).join('')}  ): Promise<${result}> {\n`;
}

function usedTypes(spec) {
  const named = new Set();
  const add = (t) => named.add(t.replace(/^(Array of )+/, ''));
  for (const m of spec.methods) {
    for (const f of m.fields ?? []) if (f.required) f.types.forEach(add);
    m.returns.forEach(add);
  }
  return spec.types.map((t) => t.name).filter((n) => n !== 'InputFile' && named.has(n));
}

/**
 * Renders FriendlyApi.ts for a loaded spec.
 * @param {ReturnType<typeof import('./loadSpec.mjs').loadSpec>} spec
 */
export function emitFriendlyApi(spec) {
  const paramTypes = spec.methods.filter((m) => (m.fields ?? []).some((f) => !f.required));
  const needsInputFile = spec.methods.some((m) =>
    (m.fields ?? []).some((f) => f.required && f.types.includes('InputFile')),
  );
  const imports = [];
  if (needsInputFile) imports.push("import type { InputFile } from '../InputFile.js';");
  imports.push(
    `import type {\n${paramTypes.map((m) => `  ${paramsName(m.name)},`).join('\n')}\n  RawApi,\n} from './methods.js';`,
  );
  imports.push(
    `import type {\n${usedTypes(spec)
      .map((n) => `  ${n},`)
      .join('\n')}\n} from './types.js';`,
  );
  const head = docComment([
    'The friendly layer: one method per Bot API method, with the required parameters first (camelCase,',
    'in spec order), then an object with the optional ones (named as Telegram names them), then an',
    '`AbortSignal`. Each method calls the matching function of {@link FriendlyApi.raw | raw}.',
    '',
    'Subclasses provide `raw`; `Api` is the one to use.',
    '',
    '```ts',
    "await api.sendMessage(chatId, 'Hello', { parse_mode: 'HTML' });",
    '```',
  ]);
  const methods = spec.methods.map(emitMethod).join('\n');
  return [
    header(spec.version),
    `${imports.join('\n')}\n`,
    `${head}export abstract class FriendlyApi {\n` +
      docComment(['The raw layer that every friendly method calls.'], '  ') +
      '  abstract readonly raw: RawApi;\n\n' +
      methods +
      '}\n',
  ].join('\n');
}
