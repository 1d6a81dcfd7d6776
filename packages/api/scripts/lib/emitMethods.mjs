// Emits src/generated/methods.ts: params per method, MethodParams/MethodResults maps, RawApi.
import {
  docComment,
  escapeDoc,
  fieldText,
  header,
  propertyLine,
  paramsName,
  prose,
  returnType,
} from './render.mjs';

/** The object types that params and results mention, in spec order. */
export function referencedTypes(spec, methods) {
  const named = new Set();
  const add = (t) => named.add(t.replace(/^(Array of )+/, ''));
  for (const m of methods) {
    for (const field of m.fields ?? []) field.types.forEach(add);
    m.returns.forEach(add);
  }
  return spec.types.map((t) => t.name).filter((n) => n !== 'InputFile' && named.has(n));
}

function typeImports(names) {
  return `import type {\n${names.map((n) => `  ${n},`).join('\n')}\n} from './types.js';\n`;
}

function emitParams(method) {
  const name = paramsName(method.name);
  const intro = `Parameters of {@link MethodResults.${method.name} | ${method.name}}.`;
  const see = `@see ${method.href}`;
  if (!method.fields) {
    return `${docComment([`${intro} The method takes none.`, '', see])}export type ${name} = Record<string, never>;\n`;
  }
  let out = docComment([intro, '', see]);
  out += `export interface ${name} {\n`;
  for (const field of method.fields) {
    out += docComment([escapeDoc(fieldText(field.description))], '  ');
    out += propertyLine(field);
  }
  return `${out}}\n`;
}

/** True when a call may leave the params object out. */
export function paramsOptional(method) {
  return (method.fields ?? []).every((field) => !field.required);
}

/**
 * Renders methods.ts for a loaded spec.
 * @param {ReturnType<typeof import('./loadSpec.mjs').loadSpec>} spec
 */
export function emitMethods(spec) {
  const body = [];
  for (const method of spec.methods) body.push(emitParams(method));

  let params = docComment([
    'The parameters of every Bot API method, by method name.',
    '',
    '```ts',
    "const p: MethodParams['sendMessage'] = { chat_id: 42, text: 'hi' };",
    '```',
  ]);
  params += 'export interface MethodParams {\n';
  for (const m of spec.methods) {
    params += docComment([`Parameters of \`${m.name}\`.`], '  ');
    params += `  ${m.name}: ${paramsName(m.name)};\n`;
  }
  body.push(`${params}}\n`);

  let results = docComment([
    'What every Bot API method resolves to on success, by method name ("Returns True" is `true`).',
  ]);
  results += 'export interface MethodResults {\n';
  for (const m of spec.methods) {
    results += docComment([prose(m.description), '', `@see ${m.href}`], '  ');
    results += `  ${m.name}: ${returnType(m.returns)};\n`;
  }
  body.push(`${results}}\n`);

  body.push(
    `${docComment(['The name of a Bot API method.'])}export type MethodName = keyof MethodResults;\n`,
  );

  let args = docComment([
    'The arguments of each raw method: the params object (optional when every parameter is), then an',
    '`AbortSignal`.',
  ]);
  args += 'export interface MethodArgs {\n';
  for (const m of spec.methods) {
    const q = paramsOptional(m) ? '?' : '';
    args += docComment([`Arguments of \`raw.${m.name}\`.`], '  ');
    args += `  ${m.name}: [params${q}: ${paramsName(m.name)}, signal?: AbortSignal];\n`;
  }
  body.push(`${args}}\n`);

  body.push(
    docComment([
      'The raw layer: one function per Bot API method taking its params object as Telegram names it.',
      '',
      '```ts',
      "const sent = await api.raw.sendMessage({ chat_id: 42, text: 'hi' });",
      '```',
    ]) +
      'export type RawApi = {\n' +
      '  readonly [M in MethodName]: (...args: MethodArgs[M]) => Promise<MethodResults[M]>;\n' +
      '};\n',
  );

  body.push(
    docComment(['Every Bot API method name, in the order the Bot API reference lists them.']) +
      `export const METHOD_NAMES: readonly MethodName[] = [\n${spec.methods.map((m) => `  '${m.name}',`).join('\n')}\n];\n`,
  );

  const text = body.join('\n');
  const needsInputFile = spec.methods.some((m) =>
    (m.fields ?? []).some((f) => f.types.includes('InputFile')),
  );
  const imports = [];
  if (needsInputFile) imports.push("import type { InputFile } from '../InputFile.js';\n");
  imports.push(typeImports(referencedTypes(spec, spec.methods)));
  return [header(spec.version), imports.join(''), text].join('\n');
}
