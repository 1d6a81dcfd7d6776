import type { Update } from '@delegram/api';
import { MalformedUpdateError } from '../errors.js';
import { toIncoming } from '../Incoming.js';
import type { Incoming } from '../Incoming.js';

/**
 * Classifies an update on its way in (polling or webhook), or tells why it cannot be handled:
 * its payload is not an object, or classifying it threw.
 *
 * @param update - an update with a numeric `update_id`
 * @returns its classification, or the error to report (the update is then skipped)
 * @internal
 */
export function classifyUpdate(update: Update): Incoming | MalformedUpdateError {
  let incoming: Incoming;
  try {
    incoming = toIncoming(update);
  } catch (error) {
    return new MalformedUpdateError(update, 'it cannot be classified', { cause: error });
  }
  const msg: unknown = incoming.msg;
  if (
    incoming.flavor !== 'unknown' &&
    (typeof msg !== 'object' || msg === null || Array.isArray(msg))
  ) {
    return new MalformedUpdateError(update, `its ${incoming.kind} is not an object`);
  }
  return incoming;
}
