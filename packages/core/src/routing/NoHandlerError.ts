import type { RouteKey } from './routeKeys.js';

/**
 * Thrown by `Router.route` and `Router.map` when the routing table has no entry for a key and no
 * default entry.
 */
export class NoHandlerError extends Error {
  /** Always `'NoHandlerError'`. */
  override readonly name = 'NoHandlerError';

  /**
   * @param key - the key the key function computed
   */
  constructor(readonly key: RouteKey) {
    super(
      `No handler for key: ${String(key)}; add an entry for it, or a default entry ` +
        `under the defaultRoute key`,
    );
  }
}
