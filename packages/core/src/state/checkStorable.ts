import { StateSerializationError } from './errors.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function kindOf(value: object): string {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  const name = proto?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a prototype';
}

function hint(value: object): string {
  if (value instanceof Date) return 'store date.getTime() or date.toISOString() instead';
  if (value instanceof Map) return 'store Object.fromEntries(map) or [...map] instead';
  if (value instanceof Set) return 'store [...set] instead';
  return 'store its plain data (an object literal) instead, or give the state options a codec';
}

/**
 * Checks that a value survives JSON unchanged, so what is loaded after a restart is what was
 * saved: plain objects, arrays, strings, finite numbers, booleans and `null`; `undefined` only as
 * an object property (left out, as JSON does). Shared references are allowed (they come back as
 * copies); cycles are not.
 *
 * @param value - the state
 * @param root - the name of the value in error messages (`'state'`)
 * @throws {@link StateSerializationError} naming the first field that would not survive
 */
export function checkStorable(value: unknown, root = 'state'): void {
  if (value === undefined) {
    throw new StateSerializationError(root, 'it is undefined; a state must be a value');
  }
  walk(value, root, new Set());
}

function walk(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new StateSerializationError(path, `${String(value)} would be stored as null`);
      }
      return;
    case 'bigint':
      throw new StateSerializationError(
        path,
        'a BigInt has no JSON form; store it as a string, or give the state options a codec',
      );
    case 'function':
      throw new StateSerializationError(path, 'a function cannot be stored; keep it out of state');
    case 'symbol':
      throw new StateSerializationError(path, 'a symbol cannot be stored');
    case 'undefined':
      throw new StateSerializationError(path, 'undefined in an array would be stored as null');
    default:
      break;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.has(object)) {
    throw new StateSerializationError(path, 'it refers back to one of its parents (a cycle)');
  }
  if (Array.isArray(object)) {
    ancestors.add(object);
    for (let i = 0; i < object.length; i++) walk(object[i] as unknown, child(path, i), ancestors);
    ancestors.delete(object);
    return;
  }
  const proto = Object.getPrototypeOf(object) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new StateSerializationError(
      path,
      `${kindOf(object)} would not come back as one; ${hint(object)}`,
    );
  }
  ancestors.add(object);
  for (const key of Object.keys(object)) {
    const field = (object as Record<string, unknown>)[key];
    if (field !== undefined) walk(field, child(path, key), ancestors);
  }
  ancestors.delete(object);
}
