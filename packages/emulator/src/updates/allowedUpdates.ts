import { UPDATE_KINDS, type UpdateKind } from '@delegram/api';

/** Update kinds a bot gets only when it asks for them in `allowed_updates`. */
export const OPT_IN_UPDATE_KINDS: readonly UpdateKind[] = [
  'chat_member',
  'message_reaction',
  'message_reaction_count',
];

/**
 * The update kinds a bot receives when it never set `allowed_updates` (or sent an empty list):
 * every kind except `chat_member`, `message_reaction` and `message_reaction_count`.
 *
 * @returns a fresh set of the default kinds
 */
export function defaultAllowedUpdates(): Set<UpdateKind> {
  return new Set(UPDATE_KINDS.filter((kind) => !OPT_IN_UPDATE_KINDS.includes(kind)));
}

/**
 * Turns an `allowed_updates` list into the set of kinds to keep, as Telegram reads it: names
 * match without case, unknown names are ignored, and a list with no known name (or an empty list)
 * means the default set.
 *
 * @param names - the decoded `allowed_updates` array
 * @returns the kinds updates are created for
 */
export function resolveAllowedUpdates(names: readonly unknown[]): Set<UpdateKind> {
  const byLower = new Map(UPDATE_KINDS.map((kind) => [kind.toLowerCase(), kind]));
  const kinds = new Set<UpdateKind>();
  for (const name of names) {
    const kind = typeof name === 'string' ? byLower.get(name.toLowerCase()) : undefined;
    if (kind !== undefined) kinds.add(kind);
  }
  return kinds.size === 0 ? defaultAllowedUpdates() : kinds;
}
