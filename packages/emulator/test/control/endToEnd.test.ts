// A real long-polling bot (plain fetch, no framework) driven through the control API, on the
// system clock: what a test of a user's bot looks like.
import type { Update } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let emu: Emulator;
let stopBot: (() => Promise<void>) | undefined;

async function call(
  token: string,
  method: string,
  params: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<unknown> {
  const response = await fetch(`${emu.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    ...(signal === undefined ? {} : { signal }),
  });
  const body = (await response.json()) as { ok: boolean; result?: unknown; description?: string };
  if (!body.ok) throw new Error(`${method}: ${body.description ?? ''}`);
  return body.result;
}

/** Echoes text with a "Like" button, answers presses and edits the message. */
function runBot(token: string): () => Promise<void> {
  const abort = new AbortController();
  const loop = (async () => {
    let offset = 0;
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = (await call(
          token,
          'getUpdates',
          { offset, timeout: 10 },
          abort.signal,
        )) as Update[];
      } catch {
        return;
      }
      for (const update of updates) {
        offset = update.update_id + 1;
        const m = update.message;
        if (m?.text !== undefined) {
          await call(token, 'sendChatAction', { chat_id: m.chat.id, action: 'typing' });
          await call(token, 'sendMessage', {
            chat_id: m.chat.id,
            text: `<b>${m.text}</b>`,
            parse_mode: 'HTML',
            reply_markup: { inline_keyboard: [[{ text: 'Like', callback_data: 'like' }]] },
          });
        }
        const q = update.callback_query;
        if (q?.message !== undefined) {
          await call(token, 'answerCallbackQuery', { callback_query_id: q.id, text: 'Liked!' });
          await call(token, 'editMessageText', {
            chat_id: q.message.chat.id,
            message_id: q.message.message_id,
            text: 'liked',
          });
        }
      }
    }
  })();
  return async () => {
    abort.abort();
    await loop;
  };
}

beforeEach(async () => {
  emu = new Emulator({ floodControl: false });
  await emu.start();
});

afterEach(async () => {
  await stopBot?.();
  stopBot = undefined;
  await emu.stop();
});

describe('a running bot driven by the control API', () => {
  it('replies, answers a button press, edits, then goes idle', async () => {
    const account = emu.createBot({ username: 'echo_bot' });
    stopBot = runBot(account.token);
    const alice = emu.createUser({ firstName: 'Alice' });
    const chat = emu.privateChat(alice, account);
    await alice.sendMessage(chat, 'hello');
    const reply = await chat.nextBotMessage();
    expect(reply.text).toBe('hello');
    expect(reply.entities).toEqual([{ type: 'bold', offset: 0, length: 5 }]);
    expect(await alice.pressButton(reply, 'Like')).toMatchObject({
      text: 'Liked!',
      showAlert: false,
    });
    expect((await chat.nextBotEdit()).text).toBe('liked');
    await emu.waitForIdle();
    expect(chat.history().map((m) => m.text)).toEqual(['hello', 'liked']);
  });

  it('serves many people at once, each in their own chat', async () => {
    const account = emu.createBot({ username: 'busy_bot' });
    stopBot = runBot(account.token);
    const people = Array.from({ length: 20 }, (_, i) => emu.createUser({ firstName: `P${i}` }));
    const chats = people.map((p) => emu.privateChat(p, account));
    await Promise.all(people.map((p, i) => p.sendMessage(chats[i]!, `msg ${i}`)));
    const replies = await Promise.all(chats.map((c) => c.nextBotMessage()));
    expect(replies.map((r) => r.text)).toEqual(people.map((_, i) => `msg ${i}`));
    await emu.waitForIdle();
  });

  it('tells a kicked bot it was kicked', async () => {
    const account = emu.createBot({ username: 'kicked_bot' });
    const owner = emu.createUser({ firstName: 'Owner' });
    const group = emu.createGroup({ title: 'G', members: [owner, account] });
    group.remove(account, { by: owner, ban: true });
    await expect(
      call(account.token, 'sendMessage', { chat_id: group.id, text: 'x' }),
    ).rejects.toThrow('Forbidden: bot was kicked from the supergroup chat');
  });
});
