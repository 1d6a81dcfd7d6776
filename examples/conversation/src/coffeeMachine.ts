import type { Message } from '@delegram/api';
import type { DelegatorBot, MachineDelegateInput, UpdateEvent } from 'delegram';
import { assign, fromPromise, setup } from 'xstate';

/** A finished order. */
export interface CoffeeOrder {
  readonly chatId: number;
  readonly drink: string;
  readonly size: string;
}

/** The machine's input: the delegate's, plus where finished orders go. */
export interface CoffeeInput extends MachineDelegateInput {
  /** Called once per confirmed order. */
  readonly onOrder: (order: CoffeeOrder) => void;
}

interface CoffeeContext {
  readonly bot: DelegatorBot;
  readonly chatId: number;
  readonly onOrder: (order: CoffeeOrder) => void;
  readonly drink: string;
  readonly size: string;
}

/** The drinks on the menu. */
export const DRINKS = ['espresso', 'latte', 'cappuccino'] as const;
/** The sizes. */
export const SIZES = ['small', 'medium', 'large'] as const;

const answer = (event: UpdateEvent): string =>
  event.type === 'chat' ? ((event.msg as Message).text ?? '').trim().toLowerCase() : '';

/**
 * A conversation written as an xstate machine: it takes a coffee order, one question at a time.
 * Each question is an invoked promise (the `sendMessage` call) in a state tagged `busy`, so the
 * delegate counts a message as processed only once the bot's reply is out; answers are `chat`
 * events, checked by guards. Saying "no" at the end starts over; "yes" ends the machine, which
 * closes the delegate.
 */
export const coffeeMachine = setup({
  types: {
    input: {} as CoffeeInput,
    context: {} as CoffeeContext,
    events: {} as UpdateEvent,
  },
  actors: {
    say: fromPromise<
      Message,
      { readonly bot: DelegatorBot; readonly chatId: number; readonly text: string }
    >(({ input }) => input.bot.api.sendMessage(input.chatId, input.text)),
  },
  guards: {
    isDrink: ({ event }) => (DRINKS as readonly string[]).includes(answer(event)),
    isSize: ({ event }) => (SIZES as readonly string[]).includes(answer(event)),
    isYes: ({ event }) => ['yes', 'y'].includes(answer(event)),
    isNo: ({ event }) => ['no', 'n'].includes(answer(event)),
  },
}).createMachine({
  id: 'coffee',
  context: ({ input }) => ({
    bot: input.bot,
    chatId: input.seed as number,
    onOrder: input.onOrder,
    drink: '',
    size: '',
  }),
  initial: 'greeting',
  states: {
    greeting: {
      tags: 'busy',
      invoke: {
        src: 'say',
        input: ({ context }) => ({
          bot: context.bot,
          chatId: context.chatId,
          text: `Hi! What would you like? (${DRINKS.join(', ')})`,
        }),
        onDone: 'choosingDrink',
      },
    },
    choosingDrink: {
      on: {
        chat: [
          {
            guard: 'isDrink',
            actions: assign({ drink: ({ event }) => answer(event) }),
            target: 'askingSize',
          },
          { target: 'repeatingDrinks' },
        ],
      },
    },
    repeatingDrinks: {
      tags: 'busy',
      invoke: {
        src: 'say',
        input: ({ context }) => ({
          bot: context.bot,
          chatId: context.chatId,
          text: `Sorry, we have ${DRINKS.join(', ')}.`,
        }),
        onDone: 'choosingDrink',
      },
    },
    askingSize: {
      tags: 'busy',
      invoke: {
        src: 'say',
        input: ({ context }) => ({
          bot: context.bot,
          chatId: context.chatId,
          text: `What size? (${SIZES.join(', ')})`,
        }),
        onDone: 'choosingSize',
      },
    },
    choosingSize: {
      on: {
        chat: [
          {
            guard: 'isSize',
            actions: assign({ size: ({ event }) => answer(event) }),
            target: 'confirming',
          },
          { target: 'askingSize' },
        ],
      },
    },
    confirming: {
      tags: 'busy',
      invoke: {
        src: 'say',
        input: ({ context }) => ({
          bot: context.bot,
          chatId: context.chatId,
          text: `One ${context.size} ${context.drink}? (yes/no)`,
        }),
        onDone: 'awaitingConfirmation',
      },
    },
    awaitingConfirmation: {
      on: {
        chat: [
          { guard: 'isYes', target: 'ordering' },
          { guard: 'isNo', target: 'greeting' },
          { target: 'confirming' },
        ],
      },
    },
    ordering: {
      tags: 'busy',
      invoke: {
        src: 'say',
        input: ({ context }) => ({
          bot: context.bot,
          chatId: context.chatId,
          text: `Coming right up: one ${context.size} ${context.drink}.`,
        }),
        onDone: {
          target: 'ordered',
          actions: ({ context }) =>
            context.onOrder({ chatId: context.chatId, drink: context.drink, size: context.size }),
        },
      },
    },
    ordered: { type: 'final' },
  },
});
