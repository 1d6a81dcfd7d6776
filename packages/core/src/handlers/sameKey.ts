/**
 * Compares seed keys by value (tuples element by element).
 *
 * @param a - a key
 * @param b - another key
 * @returns whether `a` and `b` are the same key
 */
export function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}
