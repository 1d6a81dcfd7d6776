import { describe, expect, it } from 'vitest';
import { Sequencer } from '../../src/loop/Sequencer.js';

describe('Sequencer', () => {
  it('runs tasks of one key in order, even when an earlier one fails, and forgets idle keys', async () => {
    const s = new Sequencer();
    const log: string[] = [];
    let release!: () => void;
    const first = s.run(['a'], () =>
      new Promise<void>((r) => (release = r)).then(() => void log.push('a1')),
    );
    const failing = s.run(['a'], () => {
      log.push('a2');
      throw new Error('x');
    });
    const third = s.run(['a', 'b'], () => void log.push('a3'));
    const other = s.run(['c'], () => void log.push('c1'));
    await other;
    expect(log).toEqual(['c1']);
    release();
    await first;
    await expect(failing).rejects.toThrow('x');
    await third;
    expect(log).toEqual(['c1', 'a1', 'a2', 'a3']);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.activeKeys).toBe(0);
  });
});
