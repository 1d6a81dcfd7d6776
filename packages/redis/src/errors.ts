/**
 * A Redis command did not answer within `commandTimeoutMs` (the server is down, unreachable or
 * stalled). delegram's state machinery retries it with back-off; the command may still run
 * later, which compare-and-set makes harmless.
 */
export class RedisTimeoutError extends Error {
  /** Always `'RedisTimeoutError'`. */
  override readonly name = 'RedisTimeoutError';

  /**
   * @param operation - `get`, `set`, `delete` or `entries`
   * @param timeoutMs - the timeout that passed
   */
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`Redis did not answer ${operation} within ${timeoutMs} ms`);
  }
}
