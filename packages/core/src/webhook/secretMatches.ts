import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received secret token with the expected one in constant time (both are hashed
 * first, so neither the content nor the length leaks through timing).
 *
 * @param received - the header's value, if any
 * @param expected - the configured secret
 * @returns whether they are equal
 */
export function secretMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
