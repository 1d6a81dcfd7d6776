import type { Bot } from '../Bot.js';
import { nextSignal } from './LoopRun.js';
import type { LoopRun } from './LoopRun.js';

/**
 * Waits `ms` on the bot's clock, or less: until the run stops or `done()` holds (checked
 * whenever an update finishes).
 *
 * @internal
 */
export async function pauseUnless(
  run: LoopRun,
  bot: Bot,
  ms: number,
  done: () => boolean = () => false,
): Promise<void> {
  const end = bot.clock.now() + ms;
  while (!run.stopping && !done()) {
    const left = end - bot.clock.now();
    if (left <= 0) return;
    await nextSignal(run, bot, left);
  }
}

/**
 * After handling: waits until the oldest unfinished update finished and a poll has room for at
 * least `room` new updates, or until `repollMs` passed, counted from now, with room for any new
 * update (with `limit` updates in hand a poll can bring nothing new: no deadline then).
 *
 * @internal
 */
export async function waitForProgress(
  run: LoopRun,
  bot: Bot,
  limit: number,
  repollMs: number,
  room: number,
): Promise<void> {
  const before = run.window.nextOffset;
  const deadline = bot.clock.now() + repollMs;
  while (!run.stopping && (run.window.nextOffset === before || limit - run.window.size < room)) {
    const full = run.window.size >= limit;
    const left = full ? undefined : deadline - bot.clock.now();
    if (left !== undefined && left <= 0) return;
    await nextSignal(run, bot, left);
  }
}

/**
 * Waits for the run's unfinished updates, up to its `stopTimeoutMs` (read again at each wake:
 * a later `stop({ timeoutMs })` may change it).
 *
 * @returns the ids still unfinished at the deadline, or `undefined` when all finished
 * @internal
 */
export async function drainRun(run: LoopRun, bot: Bot): Promise<number[] | undefined> {
  const start = bot.clock.now();
  while (run.window.unfinished > 0) {
    const left = start + run.stopTimeoutMs - bot.clock.now();
    if (left <= 0) return run.window.unfinishedIds();
    await nextSignal(run, bot, left);
  }
  return undefined;
}
