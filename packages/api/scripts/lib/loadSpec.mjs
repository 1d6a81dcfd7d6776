// Builds the Bot API 10.2 model: api.json (10.1) with the 10.1 → 10.2 delta from aiogram's schema.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  aiogramEntries,
  isMethodName,
  parseReturns,
  parseTypeString,
  parseUnionMembers,
} from './aiogram.mjs';

const HREF_ROOT = 'https://core.telegram.org/bots/api#';

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error.message}`, { cause: error });
  }
}

function paragraphs(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Turns an aiogram annotation into an api.json field. */
function fieldFromAiogram(annotation, owner) {
  return {
    name: annotation.name,
    types: parseTypeString(annotation.type, `${owner}.${annotation.name}`),
    required: annotation.required,
    description: annotation.description,
  };
}

/**
 * Merges fields: api.json's for the fields it knows (with 10.2's required flag), aiogram's for new
 * ones, in 10.2 order. Records each change in `delta`.
 */
function mergeFields(owner, oldFields, annotations, delta) {
  const byName = new Map(oldFields.map((field) => [field.name, field]));
  const seen = new Set(annotations.map((a) => a.name));
  for (const field of oldFields) {
    if (!seen.has(field.name)) delta.removedFields.push(`${owner}.${field.name}`);
  }
  return annotations.map((annotation) => {
    const old = byName.get(annotation.name);
    if (!old) {
      delta.newFields.push(`${owner}.${annotation.name}`);
      return fieldFromAiogram(annotation, owner);
    }
    if (old.required !== annotation.required) {
      delta.changedRequired.push(`${owner}.${annotation.name}`);
      return { ...old, required: annotation.required };
    }
    return old;
  });
}

/** Inserts new entries after their predecessor in 10.2 order, keeping api.json's order otherwise. */
function placeNew(oldNames, newOrder, isNew) {
  const result = [...oldNames];
  let previous;
  for (const name of newOrder) {
    if (isNew(name)) {
      const at = previous === undefined ? 0 : result.indexOf(previous) + 1;
      result.splice(at, 0, name);
    }
    previous = name;
  }
  return result;
}

const AIOGRAM_FILE = 'aiogram-schema-10.2.json';

function compareVersions(a, b) {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The model of api.json alone, used when it is at least as new as aiogram's schema. */
function baseOnly(base, version) {
  return {
    version,
    baseVersion: version,
    methods: Object.values(base.methods),
    types: Object.values(base.types),
    delta: {
      newMethods: [],
      newTypes: [],
      newFields: [],
      changedRequired: [],
      removed: [],
      removedFields: [],
    },
  };
}

/**
 * Loads Bot API 10.1 from `api.json` and applies the 10.2 delta read from
 * `aiogram-schema-10.2.json`, both in `specDir`. When the aiogram file is absent or not newer than
 * api.json (after api.json was refreshed from upstream), api.json alone is the spec.
 * @param {string} specDir
 */
export function loadSpec(specDir) {
  const base = readJson(join(specDir, 'api.json'));
  if (!base.methods || !base.types) throw new Error('api.json: expected "methods" and "types"');
  const baseVersion = String(base.version ?? '').replace(/^Bot API /, '');
  if (!/^\d+\.\d+$/.test(baseVersion)) {
    throw new Error('api.json: expected "version" like "Bot API 10.1"');
  }
  const aiogramPath = join(specDir, AIOGRAM_FILE);
  if (!existsSync(aiogramPath)) return baseOnly(base, baseVersion);
  const aiogram = readJson(aiogramPath);
  const entries = aiogramEntries(aiogram);
  const version = String(aiogram.api?.version ?? '');
  if (!/^\d+\.\d+$/.test(version)) throw new Error('aiogram schema: missing api.version');
  if (compareVersions(version, baseVersion) <= 0) return baseOnly(base, baseVersion);

  const delta = {
    newMethods: [],
    newTypes: [],
    newFields: [],
    changedRequired: [],
    removed: [],
    removedFields: [],
  };
  const typeNames = new Set(entries.filter((e) => !isMethodName(e.name)).map((e) => e.name));
  const entryNames = new Set(entries.map((e) => e.name));
  for (const name of [...Object.keys(base.methods), ...Object.keys(base.types)]) {
    if (!entryNames.has(name) && name !== 'InputFile') delta.removed.push(name);
  }

  const methods = new Map();
  const types = new Map();
  for (const entry of entries) {
    const method = isMethodName(entry.name);
    const old = method ? base.methods[entry.name] : base.types[entry.name];
    if (old) {
      const fields = mergeFields(entry.name, old.fields ?? [], entry.annotations, delta);
      const merged = { ...old };
      if (fields.length > 0) merged.fields = fields;
      if (!method && old.subtypes) {
        const members = parseUnionMembers(entry.description);
        if (members.join() !== old.subtypes.join()) merged.subtypes = members;
      }
      (method ? methods : types).set(entry.name, merged);
      continue;
    }
    const fresh = {
      name: entry.name,
      href: HREF_ROOT + entry.anchor,
      description: paragraphs(entry.description),
    };
    const fields = entry.annotations.map((a) => fieldFromAiogram(a, entry.name));
    if (method) {
      fresh.returns = parseReturns(entry.description, typeNames, entry.name);
      if (fields.length > 0) fresh.fields = fields;
      delta.newMethods.push(entry.name);
      methods.set(entry.name, fresh);
    } else {
      const members = parseUnionMembers(entry.description);
      if (fields.length > 0) fresh.fields = fields;
      else if (members.length > 0) fresh.subtypes = members;
      delta.newTypes.push(entry.name);
      types.set(entry.name, fresh);
    }
  }
  for (const [name, type] of types) {
    for (const member of type.subtypes ?? []) {
      const target = types.get(member);
      if (target && !(target.subtype_of ?? []).includes(name)) {
        types.set(member, { ...target, subtype_of: [...(target.subtype_of ?? []), name] });
      }
    }
  }

  const methodOrder = placeNew(
    Object.keys(base.methods).filter((n) => methods.has(n)),
    [...methods.keys()],
    (n) => !base.methods[n],
  );
  const typeOrder = placeNew(
    Object.keys(base.types).filter((n) => types.has(n)),
    [...types.keys()],
    (n) => !base.types[n],
  );
  return {
    version,
    baseVersion,
    methods: methodOrder.map((n) => methods.get(n)),
    types: typeOrder.map((n) => types.get(n)),
    delta,
  };
}
