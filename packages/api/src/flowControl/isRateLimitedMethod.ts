/**
 * The methods Telegram's flood control counts, as the emulator's `FloodControl` applies them:
 * `send*` except `sendChatAction` (so `sendMediaGroup` too), `forwardMessage(s)`,
 * `copyMessage(s)`, `editMessage*` and `stopPoll`, in any case.
 */
const RATE_LIMITED = /^(send(?!chataction)|forwardmessages?$|copymessages?$|editmessage|stoppoll$)/;

/**
 * Tells whether a Bot API method sends or edits a message, and so counts against Telegram's
 * flood limits (about 30 messages/s per bot, 1/s per private chat, 20/min per group).
 * {@link flowControl} queues exactly these calls; every other call passes straight through.
 *
 * @example
 * ```ts
 * isRateLimitedMethod('sendMessage'); // true
 * isRateLimitedMethod('sendChatAction'); // false
 * isRateLimitedMethod('answerCallbackQuery'); // false
 * ```
 *
 * @param method - a Bot API method name (any case)
 * @returns true for `send*` (but `sendChatAction`), `forwardMessage(s)`, `copyMessage(s)`,
 *   `editMessage*` and `stopPoll`
 * @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */
export function isRateLimitedMethod(method: string): boolean {
  return RATE_LIMITED.test(method.toLowerCase());
}
