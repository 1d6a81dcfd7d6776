import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aiogramEntries,
  isMethodName,
  parseReturns,
  parseTypeString,
  parseUnionMembers,
} from '../scripts/lib/aiogram.mjs';
import { DEFAULT_SPEC_DIR, generate, OUTPUT_DIR, specSummary } from '../scripts/generate.mjs';
import { METHOD_NAMES } from '../src/generated/methods.js';
import {
  BOT_API_VERSION,
  METHOD_ATTACH_PARAMS,
  METHOD_FILE_PARAMS,
  METHOD_SPECS,
  TYPE_SPECS,
} from '../src/generated/spec.js';
import { UPDATE_KINDS } from '../src/generated/types.js';

interface BaseField {
  name: string;
  types: string[];
  required: boolean;
}
interface BaseEntry {
  fields?: BaseField[];
  subtypes?: string[];
  returns?: string[];
}
interface BaseSpec {
  methods: Record<string, BaseEntry>;
  types: Record<string, BaseEntry>;
}

const base = JSON.parse(readFileSync(join(DEFAULT_SPEC_DIR, 'api.json'), 'utf8')) as BaseSpec;
const aiogramRaw: unknown = JSON.parse(
  readFileSync(join(DEFAULT_SPEC_DIR, 'aiogram-schema-10.2.json'), 'utf8'),
);
const entries = aiogramEntries(aiogramRaw);
const newMethodNames = entries.map((e) => e.name).filter(isMethodName);
const newTypeNames = entries.map((e) => e.name).filter((n) => !isMethodName(n));
const typesTs = readFileSync(join(OUTPUT_DIR, 'types.ts'), 'utf8');

/** The source text of one interface in types.ts. */
function declaration(name: string): string {
  const start = typesTs.indexOf(`export interface ${name} {`);
  expect(start, name).toBeGreaterThanOrEqual(0);
  return typesTs.slice(start, typesTs.indexOf('\n}\n', start));
}

/** The 10.1 → 10.2 difference, computed here from the two files without the generator. */
function diffSpecs() {
  const added: string[] = [];
  const addedFields: string[] = [];
  const optionalNow: string[] = [];
  for (const entry of entries) {
    const old = isMethodName(entry.name) ? base.methods[entry.name] : base.types[entry.name];
    if (!old) {
      added.push(entry.name);
      continue;
    }
    for (const a of entry.annotations) {
      const field = old.fields?.find((f) => f.name === a.name);
      if (!field) addedFields.push(`${entry.name}.${a.name}`);
      else if (field.required && !a.required) optionalNow.push(`${entry.name}.${a.name}`);
    }
  }
  return { added, addedFields, optionalNow };
}

function fieldsOf(owner: string): readonly { name: string; required: boolean }[] {
  if (isMethodName(owner)) return METHOD_SPECS[owner as keyof typeof METHOD_SPECS].params;
  return TYPE_SPECS[owner]?.fields ?? [];
}

describe('generate', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'delegram-generate-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('covers every method and type of both spec files, counted from the files themselves', () => {
    const baseMethods = Object.keys(base.methods);
    const baseTypes = Object.keys(base.types);
    const baseUnions = Object.values(base.types).filter((t) => t.subtypes).length;
    const newUnions = entries.filter(
      (e) => e.annotations.length === 0 && /\n\s*- [A-Z]/.test(e.description),
    ).length;

    expect(new Set(METHOD_NAMES)).toEqual(new Set(newMethodNames));
    expect(METHOD_NAMES).toHaveLength(newMethodNames.length);
    expect(Object.keys(TYPE_SPECS).sort()).toEqual([...newTypeNames].sort());
    for (const name of baseMethods) expect(METHOD_NAMES).toContain(name);
    for (const name of baseTypes) expect(TYPE_SPECS).toHaveProperty(name);
    expect(Object.values(TYPE_SPECS).filter((t) => t.subtypes)).toHaveLength(newUnions);
    expect(newUnions).toBeGreaterThan(baseUnions);

    const summary = specSummary();
    expect(summary).toMatchObject({
      version: BOT_API_VERSION,
      methods: newMethodNames.length,
      types: newTypeNames.length,
      unions: newUnions,
    });
  });

  it('exports every type except InputFile from types.ts', () => {
    for (const name of newTypeNames.filter((n) => n !== 'InputFile')) {
      expect(typesTs).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    }
    expect(typesTs).toContain("import type { InputFile } from '../InputFile.js';");
  });

  it('applies every item of the 10.1 to 10.2 delta', () => {
    const { added, addedFields, optionalNow } = diffSpecs();
    expect(added).toContain('editEphemeralMessageText');
    expect(added).toContain('InputRichBlockThinking');
    for (const name of added) {
      if (isMethodName(name)) expect(METHOD_NAMES).toContain(name);
      else expect(TYPE_SPECS).toHaveProperty(name);
    }
    expect(addedFields).toContain('Update.subscription');
    for (const path of addedFields) {
      const [owner = '', field] = path.split('.');
      expect(
        fieldsOf(owner).map((f) => f.name),
        path,
      ).toContain(field);
    }
    expect(optionalNow).toEqual(['ReplyParameters.message_id']);
    expect(fieldsOf('ReplyParameters').find((f) => f.name === 'message_id')?.required).toBe(false);
    expect(declaration('ReplyParameters')).toMatch(/^ {2}message_id\?: number \| undefined;$/m);
    expect(UPDATE_KINDS.at(-1)).toBe('subscription');

    const { delta } = specSummary();
    expect(delta.newMethods.length + delta.newTypes.length).toBe(added.length);
    expect(delta.newFields).toEqual(addedFields);
    expect(delta.removed).toEqual([]);
  });

  it('takes new methods’ return types and new unions’ members from the prose', () => {
    expect(METHOD_SPECS.editEphemeralMessageText.returns).toEqual(['Boolean']);
    expect(METHOD_SPECS.deleteEphemeralMessage.returns).toEqual(['Boolean']);
    expect(TYPE_SPECS.InputRichBlock?.subtypes).toHaveLength(21);
    expect(TYPE_SPECS.InputRichBlock?.subtypes).toContain('InputRichBlockThinking');
    expect(declaration('InputRichBlockDivider')).toContain("  type: 'divider';");
  });

  it('reads aiogram’s English the way api.json states every 10.1 item', () => {
    const typeNames = new Set(newTypeNames);
    let checked = 0;
    for (const entry of entries) {
      const old = isMethodName(entry.name) ? base.methods[entry.name] : base.types[entry.name];
      if (!old) continue;
      for (const a of entry.annotations) {
        const field = old.fields?.find((f) => f.name === a.name);
        if (!field) continue;
        expect(parseTypeString(a.type, a.name), `${entry.name}.${a.name}`).toEqual(field.types);
        checked++;
      }
      if (isMethodName(entry.name)) {
        expect(parseReturns(entry.description, typeNames, entry.name), entry.name).toEqual(
          old.returns,
        );
      } else {
        expect(parseUnionMembers(entry.description), entry.name).toEqual(old.subtypes ?? []);
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(parseTypeString('Array of A, B and C', 'x')).toEqual([
      'Array of A',
      'Array of B',
      'Array of C',
    ]);
    expect(() => parseTypeString('Integer or a number', 'x.y')).toThrow(/x\.y.*a number/);
  });

  it('lists the parameters that carry uploads directly or through attach://', () => {
    expect(METHOD_FILE_PARAMS.sendPhoto).toEqual(['photo']);
    expect(METHOD_FILE_PARAMS.sendDocument).toEqual(['document', 'thumbnail']);
    expect(METHOD_FILE_PARAMS.sendMessage).toBeUndefined();
    expect(METHOD_ATTACH_PARAMS.sendMediaGroup).toEqual(['media']);
    expect(METHOD_ATTACH_PARAMS.editMessageMedia).toEqual(['media']);
    expect(METHOD_ATTACH_PARAMS.createNewStickerSet).toEqual(['stickers']);
    expect(METHOD_ATTACH_PARAMS.setMyProfilePhoto).toEqual(['photo']);
    expect(METHOD_ATTACH_PARAMS.sendPaidMedia).toEqual(['media']);
    expect(METHOD_ATTACH_PARAMS.sendMessage).toBeUndefined();
  });

  it('matches the committed files byte for byte (run `pnpm generate` after changing either)', () => {
    const files = generate();
    expect([...files.keys()].sort()).toEqual(readdirSync(OUTPUT_DIR).sort());
    for (const [name, content] of files) {
      expect(content.split('\n')[0]).toBe(
        `// Generated by packages/api/scripts/generate.mjs from Bot API ${BOT_API_VERSION} (../shared/botapi). Do not edit.`,
      );
      expect(readFileSync(join(OUTPUT_DIR, name), 'utf8') === content, name).toBe(true);
    }
    expect(generate()).toEqual(files);
  });

  it('fails with a clear message when a spec file is missing or unreadable', () => {
    expect(() => generate(tmp)).toThrow(/cannot read .*api\.json/);
    writeFileSync(join(tmp, 'api.json'), JSON.stringify({ methods: {}, types: {} }));
    expect(() => generate(tmp)).toThrow(/api\.json: expected "version"/);
    writeFileSync(
      join(tmp, 'api.json'),
      JSON.stringify({ version: 'Bot API 10.1', methods: {}, types: {} }),
    );
    writeFileSync(join(tmp, 'aiogram-schema-10.2.json'), '{"nope": true}');
    expect(() => generate(tmp)).toThrow(/"items" array/);
  });

  it('uses api.json alone when there is no newer aiogram schema beside it', () => {
    const only = mkdtempSync(join(tmpdir(), 'delegram-generate-'));
    try {
      writeFileSync(join(only, 'api.json'), readFileSync(join(DEFAULT_SPEC_DIR, 'api.json')));
      const summary = specSummary(only);
      expect(summary.version).toBe('10.1');
      expect(summary.methods).toBe(Object.keys(base.methods).length);
      expect(summary.types).toBe(Object.keys(base.types).length);
      const methods = generate(only).get('methods.ts') ?? '';
      expect(methods.split('\n')[0]).toContain('from Bot API 10.1');
      expect(methods).not.toContain('editEphemeralMessageText');
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });
});
