// Readers for aiogram's schema (Bot API 10.2), whose type names, return types and union members are
// English text. Each reader turns that text into the shapes used by api.json (PaulSonOfLars format).

const PRIMITIVES = new Map([
  ['Integer', 'Integer'],
  ['String', 'String'],
  ['Boolean', 'Boolean'],
  ['True', 'Boolean'],
  ['Float', 'Float'],
  ['InputFile', 'InputFile'],
]);

/**
 * Flattens aiogram's schema into its entries, each tagged with its section title.
 * @param {any} schema the parsed aiogram schema
 * @returns {any[]}
 */
export function aiogramEntries(schema) {
  if (!schema || !Array.isArray(schema.items)) {
    throw new Error('aiogram schema: expected an object with an "items" array of sections');
  }
  return schema.items.flatMap((section) =>
    section.children.map((entry) => ({ ...entry, section: section.title })),
  );
}

/** A lowercase first letter marks a method, anything else a type. */
export function isMethodName(name) {
  return /^[a-z]/.test(name);
}

function oneType(word, where) {
  const name = word.trim();
  if (PRIMITIVES.has(name)) return PRIMITIVES.get(name);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`${where}: cannot read type name "${name}"`);
  }
  return name;
}

/**
 * Parses an aiogram type string into api.json's list of alternatives.
 * "Integer or String" → ["Integer", "String"];
 * "Array of A, B and C" → ["Array of A", "Array of B", "Array of C"];
 * "Array of Array of X" → ["Array of Array of X"]; "True" → ["Boolean"].
 * @param {string} text
 * @param {string} where names the field in error messages
 * @returns {string[]}
 */
export function parseTypeString(text, where) {
  let prefix = '';
  let rest = text.trim();
  while (rest.startsWith('Array of ')) {
    prefix += 'Array of ';
    rest = rest.slice('Array of '.length);
  }
  const parts = rest.split(/\s*,\s*|\s+or\s+|\s+and\s+/);
  return parts.map((part) => prefix + oneType(part, where));
}

const TYPE_WORD = /\b(Array of (?:Array of )?[A-Z][A-Za-z]+|[A-Z][A-Za-z]+)\b/g;

/**
 * Reads a method's return types from its description ("On success, True is returned",
 * "Returns the new invite link as ChatInviteLink object", "On success, if the message is not an
 * inline message, the edited Message is returned, otherwise True is returned").
 * @param {string} description
 * @param {Set<string>} typeNames known object type names
 * @param {string} where
 * @returns {string[]}
 */
export function parseReturns(description, typeNames, where) {
  const sentences = description.split(/(?<=\.)\s+/).filter((s) => /\breturn(s|ed)?\b/i.test(s));
  const found = [];
  for (const sentence of sentences) {
    for (const match of sentence.matchAll(TYPE_WORD)) {
      const word = match[1];
      const inner = word.replace(/^(Array of )+/, '');
      const mapped = inner === 'True' ? 'Boolean' : inner === 'Int' ? 'Integer' : inner;
      const known = typeNames.has(mapped) || PRIMITIVES.has(inner) || inner === 'Int';
      if (!known) continue;
      const full = word.slice(0, word.length - inner.length) + mapped;
      if (!found.includes(full)) found.push(full);
    }
  }
  if (found.length === 0) {
    throw new Error(`${where}: cannot find a return type in "${description}"`);
  }
  return found;
}

/**
 * Reads the members of a union type from its description: the "- Member" lines, plus the
 * "String" and "Array of X" alternatives that RichText-like unions name in prose.
 * @param {string} description
 * @returns {string[]} empty when the description lists no members
 */
export function parseUnionMembers(description) {
  const members = [];
  const lines = description.split('\n');
  const bullets = lines.filter((line) => /^\s*-\s+[A-Z][A-Za-z0-9]+\s*$/.test(line));
  if (bullets.length === 0) return members;
  const intro = lines.filter((line) => !bullets.includes(line)).join(' ');
  if (/\ba String\b/.test(intro)) members.push('String');
  for (const m of intro.matchAll(/\ban (Array of [A-Z][A-Za-z0-9]+)/g)) members.push(m[1]);
  for (const line of bullets) members.push(line.replace(/^\s*-\s+/, '').trim());
  return members;
}
