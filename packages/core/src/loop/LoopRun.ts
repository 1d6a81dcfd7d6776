import type { TimerId } from '@delegram/api';
import type { Bot } from '../Bot.js';
import type { RunJournal } from './RunJournal.js';
import { timerDelay } from '../timerDelay.js';
import type { OffsetWindow } from './OffsetWindow.js';
import type { ReceiptWindow } from './ReceiptWindow.js';
import type { Sequencer } from './Sequencer.js';

/**
 * The state of one `MessageLoop.run()`; a later run gets a fresh one, so late handlers cannot
 * disturb it.
 *
 * @internal
 */
export interface LoopRun {
  readonly abort: AbortController;
  /** Confirm after handling: the finished prefix; on receipt or journaled: what is in progress. */
  readonly window: OffsetWindow | ReceiptWindow;
  readonly sequencer: Sequencer;
  readonly waiters: Set<() => void>;
  /** The run's side of the loop's inbox, open from its start to its end (`inbox` option only). */
  readonly journal: RunJournal | undefined;
  stopping: boolean;
  lastSentOffset: number | undefined;
  stopTimeoutMs: number;
  done: Promise<void>;
}

/**
 * Waits until {@link notifyRun} is called for the run, or `ms` passed on the bot's clock.
 *
 * @internal
 */
export function nextSignal(run: LoopRun, bot?: Bot, ms?: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: { readonly id: TimerId } | undefined;
    const wake = (): void => {
      run.waiters.delete(wake);
      if (timer !== undefined) bot?.clock.clearTimeout(timer.id);
      resolve();
    };
    run.waiters.add(wake);
    // A wait past the longest timer delay wakes early; every caller re-checks its deadline.
    if (bot !== undefined && ms !== undefined) {
      timer = { id: bot.clock.setTimeout(wake, timerDelay(ms)) };
    }
  });
}

/**
 * Wakes everything waiting in {@link nextSignal} for the run.
 *
 * @internal
 */
export function notifyRun(run: LoopRun): void {
  if (run.waiters.size === 0) return;
  for (const wake of [...run.waiters]) wake();
}

/**
 * The `update_id` of a value from a `getUpdates` answer, or `undefined` when it has none.
 *
 * @internal
 */
export function updateIdOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { update_id?: unknown }).update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}
