import { ManualClock, sleep, systemClock } from '@delegram/api';
import type { Print, SimulatedChat, SimulatedUser } from '@delegram-examples/launcher';
import { launch, printToStdout, runPolling } from '@delegram-examples/launcher';
import { createCounterBot, IDLE_TIMEOUT_SECONDS } from './createCounterBot.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /**
   * Jump over the silences on a simulated clock instead of waiting for real (default `false`:
   * the demo takes about 12 s).
   */
  readonly fast?: boolean;
  /** Where the transcript goes (default: standard output). */
  readonly print?: Print;
  /** How long to wait for each answer, in ms (default 5000). */
  readonly answerTimeoutMs?: number;
}

/** What {@link runDemo} saw. */
export interface DemoResult {
  /** Whether every answer was the expected count. */
  readonly ok: boolean;
  /** The transcript, line by line, as printed. */
  readonly transcript: readonly string[];
}

interface Person {
  readonly name: string;
  readonly user: SimulatedUser;
  readonly chat: SimulatedChat;
}

/**
 * Runs simulated users against the message counter on the embedded emulator and prints what they
 * write and what the bot answers: Alice and Bob count independently, then Alice stays silent past
 * the idle timeout and her count starts over while Bob's goes on.
 *
 * @param options - fast (simulated clock) or real time, output, answer timeout
 * @returns whether every answer was right, and the transcript
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? printToStdout;
  const transcript: string[] = [];
  const say = (line: string): void => {
    transcript.push(line);
    print(line);
  };
  const clock = options.fast === true ? new ManualClock() : undefined;
  const launched = await launch({
    botUsername: 'counter_bot',
    botName: 'Counter',
    env: {},
    port: 0,
    print: () => {},
    ...(clock === undefined ? {} : { clock }),
  });
  const running = runPolling(createCounterBot(launched.token, launched.botOptions), launched, {
    signals: false,
    printErrors: false,
  });
  const errors: unknown[] = [];
  running.bot.on('error', (error) => errors.push(error));
  const emulator = launched.emulator;
  let ok = true;
  try {
    const account = launched.account;
    if (emulator === undefined || account === undefined || !launched.user || !launched.chat) {
      throw new Error('the demo runs on the embedded emulator');
    }
    const bobUser = emulator.createUser({ firstName: 'Bob', username: 'bob_b' });
    const alice: Person = { name: 'Alice', user: launched.user, chat: launched.chat };
    const bob: Person = {
      name: 'Bob',
      user: bobUser,
      chat: emulator.privateChat(bobUser, account),
    };
    const botName = `@${account.username}`;
    const timeoutMs = options.answerTimeoutMs ?? 5_000;

    const exchange = async (person: Person, text: string, expected: string): Promise<void> => {
      await person.user.sendMessage(person.chat, text);
      say(`  ${person.name.padEnd(5)} → ${botName}: ${text}`);
      const reply = await person.chat.nextBotMessage({ timeoutMs });
      const answer = reply.text ?? '(no text)';
      const right = answer === expected;
      if (!right) ok = false;
      say(`  ${botName} → ${person.name}: ${answer}${right ? '' : `   ✗ expected ${expected}`}`);
    };
    const silence = async (seconds: number): Promise<void> => {
      say(`  … ${seconds} s pass${clock === undefined ? '' : ' (simulated clock)'} …`);
      if (clock === undefined) await sleep(systemClock, seconds * 1000);
      else await clock.advance(seconds * 1000);
    };

    say(`delegram demo: the message counter on the embedded emulator at ${emulator.apiRoot}`);
    say(
      `Each chat has its own counter; it starts over after ${IDLE_TIMEOUT_SECONDS} s of silence.`,
    );
    say('');
    say('Two chats count independently:');
    await exchange(alice, 'hello', '1');
    await exchange(alice, 'how are you?', '2');
    await exchange(bob, 'hi there', '1');
    await exchange(alice, 'still me', '3');
    await exchange(bob, 'me again', '2');
    say('');
    say(`Alice goes quiet for longer than ${IDLE_TIMEOUT_SECONDS} s; Bob writes halfway through:`);
    await silence(6);
    await exchange(bob, 'anyone?', '3');
    await silence(5);
    await exchange(alice, "I'm back", '1');
    await exchange(bob, 'and me', '4');
    say('');
    say(
      ok
        ? "Alice's count started over after the idle timeout; Bob's went on. ✓"
        : 'Some answers were not what the counter should say. ✗',
    );
  } catch (error) {
    ok = false;
    say(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await running.stop();
  }
  if (errors.length > 0) {
    ok = false;
    for (const error of errors) say(`bot error: ${String(error)}`);
  }
  return { ok, transcript };
}
