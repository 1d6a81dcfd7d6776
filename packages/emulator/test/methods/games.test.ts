import { ManualClock } from '@delegram/api';
import { Emulator } from '@delegram/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/TestBot.js';

let emu: Emulator;
let bot: TestBot;

beforeEach(async () => {
  emu = new Emulator({ clock: new ManualClock(), floodControl: false });
  await emu.start();
  bot = new TestBot(emu, emu.createBot({ username: 'game_bot' }));
});

afterEach(async () => {
  await emu.stop();
});

describe('games', () => {
  it('sends a game with a Play button, keeps scores and ranks them', async () => {
    const alice = emu.createUser({ firstName: 'Alice' });
    const bob = emu.createUser({ firstName: 'Bob' });
    emu.privateChat(alice, bot.account);
    const game = await bot.call('sendGame', { chat_id: alice.id, game_short_name: 'snake' });
    expect(game.game.title).toBe('snake');
    expect(game.reply_markup.inline_keyboard[0][0]).toEqual({
      text: 'Play snake',
      callback_game: {},
    });
    const pressed = alice.pressButton(game, 'Play snake');
    const query = await bot.next('callback_query');
    expect(query.game_short_name).toBe('snake');
    await bot.call('answerCallbackQuery', {
      callback_query_id: query.id,
      url: 'https://example.org/snake',
    });
    expect((await pressed)?.url).toBe('https://example.org/snake');
    const target = { chat_id: alice.id, message_id: game.message_id };
    await bot.call('setGameScore', { ...target, user_id: alice.id, score: 10 });
    await bot.call('setGameScore', { ...target, user_id: bob.id, score: 20 });
    expect(
      (await bot.fails('setGameScore', { ...target, user_id: alice.id, score: 5 })).description,
    ).toBe('Bad Request: BOT_SCORE_NOT_MODIFIED');
    await bot.call('setGameScore', { ...target, user_id: alice.id, score: 5, force: true });
    const scores = await bot.call('getGameHighScores', { ...target, user_id: alice.id });
    expect(scores.map((s: { position: number; score: number }) => [s.position, s.score])).toEqual([
      [1, 20],
      [2, 5],
    ]);
  });
});
