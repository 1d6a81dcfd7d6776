/**
 * A method result that carries Telegram's optional success `description`, e.g. `setWebhook`'s
 * `{ ok: true, result: true, description: 'Webhook was set' }`.
 *
 * Return it from a method implementation; the server unwraps it into the envelope.
 *
 * @example
 * ```ts
 * return new DescribedResult(true, 'Webhook was deleted');
 * ```
 */
export class DescribedResult {
  /**
   * @param result - the `result` field
   * @param description - the `description` field
   */
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
