import { is } from '@delegram/api';
import type { OptionRules } from '@delegram/api';
import type { SeedTuple } from '../delegation/Delegate.js';
import type { Template } from '../filtering.js';
import type { Incoming } from '../Incoming.js';
import { DelegateHandler } from './DelegateHandler.js';
import { HANDLER_OPTION_RULES } from './HandlerOptions.js';
import type { HandlerOptions } from './HandlerOptions.js';

/** Options of {@link Monitor}. */
export interface MonitorOptions extends Omit<HandlerOptions, 'timeout'> {
  /** Capture patterns (lists of templates that must all match); without them it sees everything. */
  readonly capture?: readonly (readonly Template[])[] | undefined;
}

/**
 * A delegate that watches messages and never times out (telepot's `Monitor`); pair it with
 * `perApplication()`. It sees every message routed to it, or only those matching `capture`.
 *
 * @example
 * ```ts
 * class Audit extends Monitor {
 *   override onChatMessage(msg: Message) { log(msg.chat.id, msg.text) }
 * }
 * new DelegatorBot(token, [pair(perApplication(), createOpen, Audit, { capture: [[{ chat: { type: 'private' } }]] })]);
 * ```
 */
export class Monitor extends DelegateHandler {
  /** The options of {@link MonitorOptions} (no `timeout`: a monitor never times out). */
  static override readonly optionRules: OptionRules = {
    ...Object.fromEntries(Object.entries(HANDLER_OPTION_RULES).filter(([k]) => k !== 'timeout')),
    capture: is.array,
  };
  private readonly filtered: boolean;

  /**
   * @param seedTuple - from the delegator
   * @param options - capture patterns, error policy
   */
  constructor(seedTuple: SeedTuple, options: MonitorOptions = {}) {
    super(seedTuple, { ...options, timeout: undefined });
    this.filtered = options.capture !== undefined;
    for (const pattern of options.capture ?? []) this.listener.capture(pattern);
  }

  override accepts(incoming: Incoming): boolean {
    return !this.filtered || super.accepts(incoming);
  }
}
