import type { Api } from '@delegram/api';
import type { BotOptions } from 'delegram';
import { DelegatorBot, fromMachine, pair, perChatId } from 'delegram';
import type { CoffeeOrder } from './coffeeMachine.js';
import { coffeeMachine } from './coffeeMachine.js';

/** Options of {@link createCoffeeBot}. */
export interface CoffeeBotOptions extends BotOptions {
  /** Seconds of silence before a half-finished order is dropped (default 60). */
  readonly timeout?: number;
  /** Called once per confirmed order (default: nothing). */
  readonly onOrder?: (order: CoffeeOrder) => void;
}

/**
 * Builds the coffee bot: each chat's delegate is an actor of {@link coffeeMachine}
 * (`fromMachine`); the chat's messages arrive as its `chat` events.
 *
 * @param tokenOrApi - the bot token (or an `Api`)
 * @param options - API root, clock, idle timeout, order hook
 * @returns the bot
 */
export function createCoffeeBot(
  tokenOrApi: string | Api,
  options: CoffeeBotOptions = {},
): DelegatorBot {
  const { timeout = 60, onOrder = () => {}, ...botOptions } = options;
  return new DelegatorBot(
    tokenOrApi,
    [
      pair(perChatId(['private']), fromMachine, coffeeMachine, {
        timeout,
        input: (base) => ({ ...base, onOrder }),
      }),
    ],
    botOptions,
  );
}
