import type { Incoming } from '../Incoming.js';
import type { Seeder, SeedKey } from './Seed.js';
import { callbackOrigin } from './seeders.js';
import type { OriginKind } from './seeders.js';

/** A message origin: `[chatId, messageId]` for a chat message, `[inlineMessageId]` for an inline one. */
export type Origin = readonly [number, number] | readonly [string];

function originKey(origin: Origin): string {
  return origin.length === 2 ? `${origin[0]}:${origin[1]}` : `i:${origin[0]}`;
}

/**
 * The origin → owner map behind {@link interceptCallbackQueryOrigin}: which delegate (by seed)
 * owns the callback buttons of which message. It lives as long as the pattern, so a delegate that
 * closes and is re-created with the same seed keeps its origins (as in telepot).
 */
export class OriginMap {
  private readonly owners = new Map<string, SeedKey>();

  /** @param origins - which origin kinds are intercepted */
  constructor(readonly origins: 'all' | readonly OriginKind[] = 'all') {}

  /** The seeder: a callback query on a recorded origin gives its owner's seed. */
  readonly seeder: Seeder = (incoming: Incoming) => {
    if (incoming.flavor !== 'callback_query') return undefined;
    const origin = callbackOrigin(incoming.msg as unknown as Record<string, unknown>, this.origins);
    return origin === undefined ? undefined : this.owners.get(originKey(origin));
  };

  /** Whether origins of this kind are intercepted. */
  intercepts(kind: OriginKind): boolean {
    return this.origins === 'all' || this.origins.includes(kind);
  }

  /**
   * Records `owner` as the owner of an origin.
   *
   * @param origin - the message's identifier
   * @param owner - the owning delegate's seed
   */
  capture(origin: Origin, owner: SeedKey): void {
    if (!this.intercepts(origin.length === 2 ? 'chat' : 'inline')) return;
    this.owners.set(originKey(origin), owner);
  }

  /**
   * Forgets an origin.
   *
   * @param origin - the message's identifier
   */
  uncapture(origin: Origin): void {
    this.owners.delete(originKey(origin));
  }

  /**
   * The owner of an origin.
   *
   * @param origin - the message's identifier
   * @returns the owner's seed, if recorded
   */
  ownerOf(origin: Origin): SeedKey | undefined {
    return this.owners.get(originKey(origin));
  }

  /** The number of recorded origins. */
  get size(): number {
    return this.owners.size;
  }
}
