import { ManualClock } from '@delegram/api';
import type { Launched, RunningBot } from '@delegram-examples/launcher';
import { launch, quietEmulator, runPolling } from '@delegram-examples/launcher';
import type { DelegatorBot } from 'delegram';
import { afterEach, describe, expect, it } from 'vitest';
import { createVoteBot } from '../src/createVoteBot.js';

describe('createVoteBot', () => {
  let running: RunningBot<DelegatorBot> | undefined;
  afterEach(() => running?.stop());

  async function start(clock: ManualClock) {
    const launched: Launched = await launch({ ...quietEmulator, botUsername: 'vote_bot', clock });
    running = runPolling(createVoteBot(launched.token, launched.botOptions), launched, {
      signals: false,
    });
    const emu = launched.emulator!;
    const alice = launched.user!;
    const bob = emu.createUser({ firstName: 'Bob' });
    const carol = emu.createUser({ firstName: 'Carol' });
    const group = emu.createGroup({
      title: 'Voters',
      type: 'group',
      members: [alice, bob, carol],
      bots: [launched.account!],
    });
    return { alice, bob, carol, group };
  }

  it('counts one vote per person and announces the result when everyone voted', async () => {
    const { alice, bob, carol, group } = await start(new ManualClock());
    const next = () => group.nextBotMessage({ timeoutMs: 5_000 });

    await alice.sendMessage(group, '/vote');
    const ballot = await next();
    expect(ballot.text).toBe("Let's vote ...");
    await alice.sendMessage(group, '/vote');
    expect((await next()).text).toBe('Voting still in progress');

    expect(await alice.pressButton(ballot, 'Yes')).toMatchObject({ text: 'Ok' });
    expect(await alice.pressButton(ballot, 'Nah!!!!')).toMatchObject({
      text: 'You have already voted yes',
    });
    await bob.pressButton(ballot, 'Nah!!!!');
    await carol.pressButton(ballot, 'no');
    expect((await next()).text).toBe('Everyone has voted:\nYes: 1\nNo: 2\nSilent: 0');
    expect(group.message(ballot.message_id)?.reply_markup).toBeUndefined();
  });

  it('closes the ballot when its time is up, even after the delegate went idle', async () => {
    const clock = new ManualClock();
    const { alice, group } = await start(clock);
    await alice.sendMessage(group, '/vote');
    const ballot = await group.nextBotMessage({ timeoutMs: 5_000 });
    await alice.pressButton(ballot, 'Yes');

    await clock.advance(10_000);
    expect(running!.bot.delegateCount).toBe(0);
    await clock.advance(20_000);
    expect((await group.nextBotMessage({ timeoutMs: 5_000 })).text).toBe(
      'Time is up:\nYes: 1\nNo: 0\nSilent: 2',
    );
    await alice.sendMessage(group, '/vote');
    expect((await group.nextBotMessage({ timeoutMs: 5_000 })).text).toBe("Let's vote ...");
  });
});
