import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopOnSignals } from '../src/signals.js';
import type { SignalSource } from '../src/signals.js';

function source(): EventEmitter & SignalSource {
  return new EventEmitter() as EventEmitter & SignalSource;
}

describe('stopOnSignals', () => {
  it('stops the target on SIGTERM, once, and then leaves the signal to Node', () => {
    const emitter = source();
    let stops = 0;
    stopOnSignals({ stop: () => Promise.resolve(void (stops += 1)) }, { source: emitter });
    expect(emitter.listenerCount('SIGINT')).toBe(1);
    emitter.emit('SIGTERM');
    emitter.emit('SIGTERM');
    expect(stops).toBe(1);
    expect(emitter.listenerCount('SIGINT')).toBe(0);
    expect(emitter.listenerCount('SIGTERM')).toBe(0);
  });

  it('removes its listeners when disposed', () => {
    const emitter = source();
    let stops = 0;
    const dispose = stopOnSignals(
      { stop: () => Promise.resolve(void (stops += 1)) },
      { source: emitter, signals: ['SIGUSR2'] },
    );
    dispose();
    emitter.emit('SIGUSR2');
    expect(stops).toBe(0);
    expect(emitter.listenerCount('SIGUSR2')).toBe(0);
  });

  it('passes an error from stop() to onError', async () => {
    const emitter = source();
    const failures: unknown[] = [];
    stopOnSignals(
      { stop: () => Promise.reject(new Error('nope')) },
      { source: emitter, onError: (e) => failures.push(e) },
    );
    emitter.emit('SIGINT');
    await Promise.resolve();
    await Promise.resolve();
    expect(failures).toHaveLength(1);
  });
});
