import type { Message, MessageEntity } from '@delegram/api';
import type { World } from '../world/World.js';

const USER_LINK = /^tg:(?:\/\/)?user\?(?:.*&)?id=(\d+)(?:[&#].*)?$/i;

/**
 * Turns `tg://user?id=<id>` text links into `text_mention` entities carrying the user, as
 * Telegram does for inline mentions (`[name](tg://user?id=123)`, `<a href="tg://user?id=123">`).
 * Links to ids the emulator does not know stay text links.
 *
 * @param world - the world (who the ids are)
 * @param content - message fields with `entities` and/or `caption_entities`
 * @returns the fields with mentions resolved
 */
export function withMentions<T extends Partial<Message>>(world: World, content: T): T {
  const resolve = (entities: MessageEntity[] | undefined): MessageEntity[] | undefined =>
    entities?.map((e) => {
      if (e.type !== 'text_link') return e;
      const id = USER_LINK.exec(e.url ?? '')?.[1];
      const account = id === undefined ? undefined : world.account(Number(id));
      if (account === undefined) return e;
      return { type: 'text_mention', offset: e.offset, length: e.length, user: account.toUser() };
    });
  const entities = resolve(content.entities);
  const captionEntities = resolve(content.caption_entities);
  return {
    ...content,
    ...(entities === undefined ? {} : { entities }),
    ...(captionEntities === undefined ? {} : { caption_entities: captionEntities }),
  };
}
