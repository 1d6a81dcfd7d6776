import type { CallbackQuery, Message, Update } from '@delegram/api';

/** A private-chat text message from user 42 in chat 42. */
export function textMessage(text = 'hi', id = 1, chatId = 42): Message {
  return {
    message_id: id,
    date: 1_700_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Alice' },
    from: { id: chatId, is_bot: false, first_name: 'Alice' },
    text,
  };
}

/** A callback query pressed on `message` by user 42. */
export function callbackQuery(data = 'go', message = textMessage()): CallbackQuery {
  const { game_short_name: _game, ...query } = gameQuery(message);
  return { ...query, data };
}

/** A game's callback query (no `data`), pressed on `message` by user 42. */
export function gameQuery(message = textMessage()): CallbackQuery {
  return {
    id: 'cq1',
    from: { id: 42, is_bot: false, first_name: 'Alice' },
    message,
    chat_instance: 'ci',
    game_short_name: 'snake',
  };
}

/** Wraps a payload into an update of the given kind. */
export function update(kind: string, payload: unknown, updateId = 1): Update {
  return { update_id: updateId, [kind]: payload };
}
