import type { Clock, TimerId } from '@delegram/api';
import { timerDelay } from '../timerDelay.js';

/**
 * A member of an idle list: the intrusive links live on the delegate record itself, so arming,
 * resetting and disarming an idle timeout allocate nothing.
 */
export interface IdleNode {
  /** The list the node is in, or `undefined` when its timer is not armed. */
  idleList: IdleList | undefined;
  /** Previous node (towards the head, the earliest deadline). */
  idlePrev: IdleNode | undefined;
  /** Next node (towards the tail, the latest deadline). */
  idleNext: IdleNode | undefined;
  /** When the timeout expires, in clock milliseconds. */
  idleDeadline: number;
}

/**
 * Idle timers for every delegate with the same timeout: a doubly linked list kept in deadline
 * order (a reset moves the node to the tail, and the tail always has the latest deadline because
 * time only moves forward) with one clock timer for the head.
 *
 * Arming or resetting costs a few pointer moves and no timer call; the clock timer is re-armed only
 * when it fires (or when the list goes from empty to non-empty). When the list empties, its timer
 * is cleared, so no timer outlives the delegates.
 */
export class IdleList {
  private head: IdleNode | undefined;
  private tail: IdleNode | undefined;
  private timer: TimerId = undefined;
  private timerSet = false;
  private timerAt = Infinity;
  private size = 0;

  /**
   * @param clock - the clock for the one head timer
   * @param timeoutMs - the timeout shared by the list's members
   * @param expire - called for each node whose deadline passed (already unlinked)
   */
  constructor(
    private readonly clock: Clock,
    readonly timeoutMs: number,
    private readonly expire: (node: IdleNode) => void,
  ) {}

  /** How many timers are armed in this list. */
  get armed(): number {
    return this.size;
  }

  /**
   * Arms or resets a node's timer to expire `timeoutMs` from now.
   *
   * @param node - the node (unlinked, or already in this list)
   */
  touch(node: IdleNode): void {
    if (node.idleList === this) {
      if (node === this.tail) {
        node.idleDeadline = this.clock.now() + this.timeoutMs;
        return;
      }
      this.unlink(node);
    }
    node.idleDeadline = this.clock.now() + this.timeoutMs;
    node.idleList = this;
    node.idlePrev = this.tail;
    node.idleNext = undefined;
    if (this.tail === undefined) this.head = node;
    else this.tail.idleNext = node;
    this.tail = node;
    this.size += 1;
    if (!this.timerSet) this.arm(node.idleDeadline);
  }

  /**
   * Disarms a node's timer (a no-op if it is not in this list).
   *
   * @param node - the node
   */
  remove(node: IdleNode): void {
    if (node.idleList !== this) return;
    this.unlink(node);
    if (this.head === undefined && this.timerSet) {
      this.clock.clearTimeout(this.timer);
      this.timerSet = false;
      this.timer = undefined;
      this.timerAt = Infinity;
    }
  }

  private unlink(node: IdleNode): void {
    const { idlePrev: prev, idleNext: next } = node;
    if (prev === undefined) this.head = next;
    else prev.idleNext = next;
    if (next === undefined) this.tail = prev;
    else next.idlePrev = prev;
    node.idlePrev = undefined;
    node.idleNext = undefined;
    node.idleList = undefined;
    this.size -= 1;
  }

  private arm(at: number): void {
    this.timerAt = at;
    this.timerSet = true;
    this.timer = this.clock.setTimeout(this.fire, timerDelay(at - this.clock.now()));
  }

  private readonly fire = (): void => {
    this.timerSet = false;
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.clock.now();
    let node = this.head;
    while (node !== undefined && node.idleDeadline <= now) {
      this.unlink(node);
      this.expire(node);
      node = this.head;
    }
    if (node !== undefined && !this.timerSet) this.arm(node.idleDeadline);
  };

  /** @returns when the head timer is due (Infinity when none), for diagnostics and tests */
  get nextDue(): number {
    return this.timerAt;
  }
}
