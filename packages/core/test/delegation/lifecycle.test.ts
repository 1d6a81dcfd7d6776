import { describe, expect, it } from 'vitest';
import { LifecycleTable } from '../../src/delegation/lifecycle.js';

describe('LifecycleTable', () => {
  it('walks opening → active → closing → closed through the xstate machine', () => {
    const table = new LifecycleTable();
    const states = [table.initial];
    states.push(table.next(states[0]!, 'opened'));
    states.push(table.next(states[1]!, 'close'));
    states.push(table.next(states[2]!, 'closed'));
    expect(states.map((s) => LifecycleTable.stateOf(s))).toEqual([
      'opening',
      'active',
      'closing',
      'closed',
    ]);
    expect(states[3]!.status).toBe('done');
  });

  it('shares snapshots: the same transition gives the same object', () => {
    const table = new LifecycleTable();
    const a = table.next(table.initial, 'opened');
    const b = table.next(table.initial, 'opened');
    expect(a).toBe(b);
    expect(table.next(table.next(a, 'close'), 'closed')).toBe(
      table.next(table.next(b, 'close'), 'closed'),
    );
  });

  it('ignores events the machine does not allow in a state', () => {
    const table = new LifecycleTable();
    const active = table.next(table.initial, 'opened');
    expect(LifecycleTable.stateOf(table.next(active, 'closed'))).toBe('active');
  });
});
