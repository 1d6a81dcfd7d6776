// Promise bookkeeping shared by the adapters.

/** Counts promises in flight; `drained()` resolves once none is left. Rejections go to onError. */
export function tracker(onError) {
  let pending = 0;
  let waiter = null;
  const done = () => {
    if (--pending === 0 && waiter !== null) {
      const w = waiter;
      waiter = null;
      w();
    }
  };
  const fail = (error) => {
    onError(error);
    done();
  };
  return {
    track(promise) {
      pending++;
      promise.then(done, fail);
    },
    drained() {
      return pending === 0 ? Promise.resolve() : new Promise((resolve) => (waiter = resolve));
    },
  };
}

/**
 * A per-key promise chain: `run(key, fn)` starts `fn` once every earlier `fn` of that key has
 * settled. A key's entry is removed when its chain empties, so an idle chat costs nothing.
 */
export function keyedChain() {
  const chains = new Map();
  return {
    run(key, fn) {
      const prev = chains.get(key);
      const p = prev === undefined ? fn() : prev.then(fn, fn);
      chains.set(key, p);
      const done = () => {
        if (chains.get(key) === p) chains.delete(key);
      };
      p.then(done, done);
      return p;
    },
  };
}
