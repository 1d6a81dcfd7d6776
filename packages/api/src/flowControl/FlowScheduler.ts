import createDebug from 'debug';

import { AbortError } from '../AbortError.js';
import { systemClock } from '../clock.js';
import type { Clock } from '../clock.js';
import { TelegramError } from '../TelegramError.js';
import { ChatLane, laneTarget, limiterFor } from './ChatLane.js';
import type { QueuedCall } from './ChatLane.js';
import { FlowControlDelayError } from './FlowControlDelayError.js';
import type { FlowControlSettings } from './FlowControlOptions.js';
import type { FlowControlStats } from './FlowControlStats.js';
import type { FlowEvents } from './FlowEvents.js';
import { GlobalPauseDetector } from './GlobalPauseDetector.js';
import { ReadyLanes } from './ReadyLanes.js';
import { SlidingWindow } from './SlidingWindow.js';
import { RttFloor } from './RttFloor.js';
import { TimerQueue } from './TimerQueue.js';
import type { Deadline } from './TimerQueue.js';
import type { Priority } from './withPriority.js';

const log = createDebug('delegram:flow');

type Counter = 'sent' | 'delayed' | 'rateLimited' | 'retried' | 'aborted' | 'expired';

/**
 * The engine of {@link flowControl}: per-chat queues (one call in flight per chat, strictly in
 * call order), their rate limiters and 429 pauses, and a bot-wide dispatcher that serves ready
 * interactive chats before ready bulk ones within the bot-wide sliding window. All waiting is on
 * one clock timer (a {@link TimerQueue}); idle chats at rest are dropped.
 */
export class FlowScheduler {
  private readonly lanes = new Map<string, ChatLane>();
  private readonly ready = new ReadyLanes();
  private readonly bot: SlidingWindow;
  private readonly timers: TimerQueue;
  private readonly counters: Record<Counter, number> = {
    sent: 0,
    delayed: 0,
    rateLimited: 0,
    retried: 0,
    aborted: 0,
    expired: 0,
  };
  private queued = 0;
  private inFlight = 0;
  private globalPauseUntil = -Infinity;
  private globalPauseAnnounced = false;
  private readonly detector: GlobalPauseDetector;
  private readonly rtt = new RttFloor();
  private pumpAt: Deadline | undefined;
  private pumping = false;
  private pumpAgain = false;

  /**
   * @param settings - the checked options
   * @param clock - the clock to read and wait on
   * @param events - where to emit events
   */
  constructor(
    private readonly settings: FlowControlSettings,
    readonly clock: Clock,
    private readonly events: FlowEvents,
  ) {
    this.bot = new SlidingWindow(settings.botPerSecond, 1000 + settings.safetyMarginMs);
    if (settings.startPaced ?? clock === systemClock) this.bot.paced(clock.now());
    this.timers = new TimerQueue(clock);
    this.detector = new GlobalPauseDetector(
      settings.globalPauseChats,
      settings.globalPauseWindowMs,
    );
  }

  /**
   * Queues one limited call and dispatches it when its chat and the bot may send.
   *
   * @param method - the method
   * @param payload - its parameters (read for `chat_id` / `inline_message_id` only)
   * @param signal - aborts it while queued (and is passed on with `send`)
   * @param priority - its priority
   * @param send - passes it on to the next transformer
   * @returns the call's result
   */
  enqueue(
    method: string,
    payload: unknown,
    signal: AbortSignal | undefined,
    priority: Priority,
    send: () => Promise<unknown>,
  ): Promise<unknown> {
    if (signal?.aborted === true) {
      this.counters.aborted++;
      return Promise.reject(new AbortError(method, signal.reason));
    }
    const now = this.clock.now();
    const target = laneTarget(payload);
    let lane = this.lanes.get(target.key);
    if (lane === undefined) {
      lane = new ChatLane(target, limiterFor(target.kind, this.settings, now));
      this.lanes.set(target.key, lane);
    }
    this.timers.cancel(lane.cleanup);
    lane.cleanup = undefined;
    const limitMs = this.settings.maxQueueDelayMs[priority];
    return new Promise<unknown>((resolve, reject) => {
      const call: QueuedCall = {
        method,
        signal,
        priority,
        enqueuedAt: now,
        expiresAt: now + limitMs,
        limitMs,
        send,
        resolve,
        reject,
        state: 'queued',
        rateLimited: 0,
        dispatchedAt: now,
        botSlot: 0,
        laneSlot: undefined,
        expiry: undefined,
        onAbort: undefined,
      };
      const home = lane;
      this.park(home, call, false);
      this.refresh(home);
      this.pump();
      if (call.state === 'queued') {
        this.counters.delayed++;
        log('%s to %s waits (%s, %d queued)', method, target.key, priority, home.calls.length);
        if (this.events.has('delayed')) {
          const queued = home.calls.length;
          this.events.emit('delayed', { method, chatId: target.chatId, priority, queued });
        }
        this.expireDoomed(home, Math.max(home.pausedUntil, this.globalPauseUntil));
      }
    });
  }

  /**
   * A snapshot of the counters and queues.
   *
   * @returns the stats
   */
  stats(): FlowControlStats {
    const now = this.clock.now();
    let pausedChats = 0;
    let longestQueue = 0;
    for (const lane of this.lanes.values()) {
      if (lane.pausedUntil > now) pausedChats++;
      longestQueue = Math.max(longestQueue, lane.calls.length);
    }
    return {
      ...this.counters,
      queued: this.queued,
      inFlight: this.inFlight,
      pausedChats,
      ...(this.globalPauseUntil > now ? { globalPauseUntil: this.globalPauseUntil } : {}),
      longestQueue,
      trackedChats: this.lanes.size,
    };
  }

  /** Puts a call (back) in its lane's queue, with its expiry and abort listener. */
  private park(lane: ChatLane, call: QueuedCall, front: boolean): void {
    call.state = 'queued';
    lane.add(call, front);
    this.queued++;
    if (call.expiresAt !== Infinity) {
      call.expiry = this.timers.schedule(call.expiresAt, () => this.expire(lane, call));
    }
    if (call.signal !== undefined) {
      const signal = call.signal;
      call.onAbort = () => this.abort(lane, call, signal.reason);
      signal.addEventListener('abort', call.onAbort, { once: true });
    }
  }

  /** Takes a queued call out of its lane (to send, abort or expire it). */
  private unpark(lane: ChatLane, call: QueuedCall): void {
    lane.remove(call);
    this.queued--;
    this.timers.cancel(call.expiry);
    call.expiry = undefined;
    if (call.onAbort !== undefined) call.signal?.removeEventListener('abort', call.onAbort);
    call.onAbort = undefined;
  }

  /** Decides whether a lane is ready, must wait (and until when), or may be dropped. */
  private refresh(lane: ChatLane): void {
    if (lane.current !== undefined) return;
    const now = this.clock.now();
    if (lane.pauseAnnounced && lane.pausedUntil <= now) {
      lane.pauseAnnounced = false;
      log('chat %s resumes', lane.target.key);
      this.events.emit('resume', { scope: 'chat', chatId: lane.target.chatId });
    }
    if (lane.calls.length === 0) {
      this.ready.drop(lane);
      this.timers.cancel(lane.wake);
      lane.wake = undefined;
      this.dropIfAtRest(lane, now);
      return;
    }
    const at = Math.max(lane.pausedUntil, lane.limiter?.nextFreeAt(now) ?? now);
    if (at > now) {
      this.ready.drop(lane);
      if (lane.wake?.at === at) return;
      this.timers.cancel(lane.wake);
      lane.wake = this.timers.schedule(at, () => {
        lane.wake = undefined;
        this.refresh(lane);
        this.pump();
      });
      return;
    }
    this.ready.add(lane);
  }

  /** Drops an idle lane whose limiter is at rest, or checks again when it will be. */
  private dropIfAtRest(lane: ChatLane, now: number): void {
    const restAt = Math.max(lane.limiter?.restAt() ?? -Infinity, lane.pausedUntil);
    if (restAt <= now) {
      this.timers.cancel(lane.cleanup);
      lane.cleanup = undefined;
      if (this.lanes.get(lane.target.key) === lane) this.lanes.delete(lane.target.key);
      return;
    }
    if (lane.cleanup?.at === restAt) return;
    this.timers.cancel(lane.cleanup);
    lane.cleanup = this.timers.schedule(restAt, () => {
      lane.cleanup = undefined;
      if (lane.idle) this.refresh(lane);
    });
  }

  /** Sends ready calls, interactive first, while the bot-wide window and pause allow. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.pumpOnce();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private pumpOnce(): void {
    for (;;) {
      const now = this.clock.now();
      if (this.globalPauseUntil > now) return this.pumpLater(this.globalPauseUntil);
      if (this.globalPauseAnnounced) {
        this.globalPauseAnnounced = false;
        log('bot-wide pause ends');
        this.events.emit('resume', { scope: 'bot', chatId: undefined });
      }
      const lane = this.ready.peek();
      if (lane === undefined) return;
      const free = this.bot.nextFreeAt(now);
      if (free > now) return this.pumpLater(free);
      this.ready.take(lane);
      this.dispatch(lane, now);
    }
  }

  private pumpLater(at: number): void {
    if (this.pumpAt?.at === at) return;
    this.timers.cancel(this.pumpAt);
    this.pumpAt = this.timers.schedule(at, () => {
      this.pumpAt = undefined;
      this.pump();
    });
  }

  private dispatch(lane: ChatLane, now: number): void {
    const call = lane.calls[0]!;
    this.unpark(lane, call);
    lane.current = call;
    call.state = 'inFlight';
    call.dispatchedAt = now;
    this.inFlight++;
    call.botSlot = this.bot.take(now);
    call.laneSlot = lane.limiter?.take(now) ?? undefined;
    log(
      '%s to %s (%s, attempt %d)',
      call.method,
      lane.target.key,
      call.priority,
      call.rateLimited + 1,
    );
    sendNow(call).then(
      (result) => this.settle(lane, call, true, result),
      (error: unknown) => this.settle(lane, call, false, error),
    );
  }

  private settle(lane: ChatLane, call: QueuedCall, ok: boolean, outcome: unknown): void {
    this.inFlight--;
    lane.current = undefined;
    const now = this.clock.now();
    // the call counted at Telegram no later than its answer, less the answer's way back
    this.rtt.add(now - call.dispatchedAt);
    const countedAt = Math.max(call.dispatchedAt, now - this.rtt.floor / 2);
    this.bot.settle(call.botSlot, countedAt);
    if (call.laneSlot !== undefined) lane.limiter?.settle?.(call.laneSlot, countedAt);
    const { method } = call;
    const chatId = lane.target.chatId;
    if (ok) {
      call.state = 'done';
      this.counters.sent++;
      if (this.events.has('sent')) {
        const waitedMs = call.dispatchedAt - call.enqueuedAt;
        const attempts = call.rateLimited + 1;
        this.events.emit('sent', { method, chatId, priority: call.priority, waitedMs, attempts });
      }
      call.resolve(outcome);
    } else if (outcome instanceof TelegramError && outcome.errorCode === 429) {
      this.rateLimited(lane, call, outcome, now);
    } else {
      call.state = 'done';
      this.events.emit('failed', { method, chatId, error: outcome });
      call.reject(outcome);
    }
    this.refresh(lane);
    this.pump();
  }

  private rateLimited(lane: ChatLane, call: QueuedCall, error: TelegramError, now: number): void {
    const { method } = call;
    const chatId = lane.target.chatId;
    this.counters.rateLimited++;
    const attempt = ++call.rateLimited;
    const retryAfterMs = (error.parameters.retryAfter ?? 1) * 1000 + this.settings.safetyMarginMs;
    const aborted = call.signal?.aborted === true;
    const willRetry = attempt <= this.settings.max429Retries && !aborted;
    log('%s to %s got 429, retry after %dms', method, lane.target.key, retryAfterMs);
    this.events.emit('rateLimited', { method, chatId, retryAfterMs, attempt, willRetry });
    const until = now + retryAfterMs;
    if (until > lane.pausedUntil) {
      lane.pausedUntil = until;
      lane.pauseAnnounced = true;
      this.events.emit('pause', { scope: 'chat', chatId, until });
    }
    if (willRetry) {
      this.counters.retried++;
      this.park(lane, call, true);
    } else {
      call.state = 'done';
      this.events.emit('failed', { method, chatId, error });
      call.reject(aborted ? new AbortError(method, call.signal?.reason) : error);
    }
    this.noteBotWide(lane.target.key, retryAfterMs, now);
    this.expireDoomed(lane, Math.max(lane.pausedUntil, this.globalPauseUntil));
  }

  /** Several chats answering 429 close together means the bot-wide limit: pause everything. */
  private noteBotWide(key: string, retryAfterMs: number, now: number): void {
    const until = this.detector.note(key, retryAfterMs, now);
    if (until === undefined || until <= this.globalPauseUntil) return;
    this.globalPauseUntil = until;
    this.globalPauseAnnounced = true;
    log('429s from %d chats: bot-wide pause for %dms', this.detector.chats, until - now);
    this.events.emit('pause', { scope: 'bot', chatId: undefined, until });
    for (const other of [...this.lanes.values()]) this.expireDoomed(other, until);
    this.pumpLater(until);
  }

  /** Gives up at once on the queued calls of a lane that would expire before it resumes. */
  private expireDoomed(lane: ChatLane, resumeAt: number): void {
    for (const call of lane.calls.filter((c) => c.expiresAt < resumeAt)) this.expire(lane, call);
  }

  private expire(lane: ChatLane, call: QueuedCall): void {
    if (call.state !== 'queued') return;
    const waitedMs = this.clock.now() - call.enqueuedAt;
    const { method, limitMs, priority } = call;
    const chatId = lane.target.chatId;
    this.leave(lane, call, 'expired');
    this.events.emit('expired', { method, chatId, waitedMs, limitMs });
    call.reject(new FlowControlDelayError(method, chatId, waitedMs, limitMs, priority));
    this.refresh(lane);
    this.pump();
  }

  private abort(lane: ChatLane, call: QueuedCall, reason: unknown): void {
    if (call.state !== 'queued') return;
    this.leave(lane, call, 'aborted');
    const { method, priority } = call;
    this.events.emit('aborted', { method, chatId: lane.target.chatId, priority });
    call.reject(new AbortError(method, reason));
    this.refresh(lane);
    this.pump();
  }

  private leave(lane: ChatLane, call: QueuedCall, why: 'aborted' | 'expired'): void {
    this.unpark(lane, call);
    call.state = 'done';
    this.counters[why]++;
    log('%s to %s %s while queued', call.method, lane.target.key, why);
  }
}

/** Calls `send` now, turning a synchronous throw into a rejection. */
async function sendNow(call: QueuedCall): Promise<unknown> {
  return await call.send();
}
