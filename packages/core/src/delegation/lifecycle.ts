import { initialTransition, setup, transition } from 'xstate';
import type { SnapshotFrom } from 'xstate';

/** The events that move a delegate through its lifecycle. */
export type LifecycleEvent = { type: 'opened' } | { type: 'close' } | { type: 'closed' };

/**
 * The lifecycle of every delegate, as an xstate v5 machine: `opening` (the first message is being
 * opened) → `active` → `closing` (`onClose` runs) → `closed` (final).
 *
 * The machine has no context, so its snapshots depend only on the state; {@link LifecycleTable}
 * evaluates it with xstate's pure `transition()` once per (state, event) and shares the resulting
 * immutable snapshots between all delegates.
 */
export const delegateLifecycle = setup({
  types: { events: {} as LifecycleEvent },
}).createMachine({
  id: 'delegate',
  initial: 'opening',
  states: {
    opening: { on: { opened: 'active', close: 'closing' } },
    active: { on: { close: 'closing' } },
    closing: { on: { closed: 'closed' } },
    closed: { type: 'final' },
  },
});

/** A snapshot of {@link delegateLifecycle}. */
export type LifecycleSnapshot = SnapshotFrom<typeof delegateLifecycle>;

/** The lifecycle states a delegate can be in. */
export type LifecycleState = 'opening' | 'active' | 'closing' | 'closed';

/**
 * Memoized pure evaluation of {@link delegateLifecycle}.
 *
 * Each delegate holds one of at most four shared snapshots; a state change costs a lookup in a
 * small table after the first time xstate computed it. Transitions the machine does not allow
 * leave the snapshot unchanged (xstate's semantics), which {@link LifecycleTable.next} reports.
 */
export class LifecycleTable {
  /** The shared initial snapshot (`opening`). */
  readonly initial: LifecycleSnapshot;
  private readonly table = new Map<
    LifecycleSnapshot,
    Map<LifecycleEvent['type'], LifecycleSnapshot>
  >();
  private readonly byValue = new Map<string, LifecycleSnapshot>();

  constructor() {
    const [initial] = initialTransition(delegateLifecycle);
    this.initial = this.intern(initial);
  }

  /**
   * The snapshot after `type`, computed by xstate the first time and shared afterwards.
   *
   * @param snapshot - the current (shared) snapshot
   * @param type - the event
   * @returns the next shared snapshot (the same one if the event is not allowed)
   */
  next(snapshot: LifecycleSnapshot, type: LifecycleEvent['type']): LifecycleSnapshot {
    let row = this.table.get(snapshot);
    if (row === undefined) {
      row = new Map();
      this.table.set(snapshot, row);
    }
    let to = row.get(type);
    if (to === undefined) {
      const [computed] = transition(delegateLifecycle, snapshot, { type });
      to = this.intern(computed);
      row.set(type, to);
    }
    return to;
  }

  /**
   * The state name of a snapshot.
   *
   * @param snapshot - a snapshot from this table
   * @returns its state
   */
  static stateOf(snapshot: LifecycleSnapshot): LifecycleState {
    return snapshot.value;
  }

  private intern(snapshot: LifecycleSnapshot): LifecycleSnapshot {
    const key = String(snapshot.value);
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    this.byValue.set(key, snapshot);
    return snapshot;
  }
}
