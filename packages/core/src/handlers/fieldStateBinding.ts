import type { StateBinding } from '../delegation/Delegate.js';
import type { StateOptions } from '../state/StateOptions.js';

/**
 * A copy of a handler's initial state, to start over from when nothing is stored (after a
 * conflict with a writer that deleted the key, or an undo before anything was saved).
 */
function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value; // not cloneable (a class instance with methods): the save check reports it
  }
}

/**
 * The {@link StateBinding} of an object's `state` field: `read()` answers the field, `load()`
 * puts a stored state in it, or a copy of the field's initial value when nothing is stored.
 *
 * @param owner - the object whose `state` field is durable (a handler)
 * @param name - the default key namespace (the class name)
 * @param options - the `state` option
 * @returns the binding
 * @internal
 */
export function fieldStateBinding(
  owner: { state: unknown },
  name: string,
  options: StateOptions | undefined,
): StateBinding {
  let initial: unknown;
  let captured = false;
  return {
    name,
    options,
    read: () => owner.state,
    load(stored) {
      if (!captured) {
        initial = copyOf(owner.state);
        captured = true;
      }
      owner.state = stored === undefined ? copyOf(initial) : stored.value;
    },
  };
}
