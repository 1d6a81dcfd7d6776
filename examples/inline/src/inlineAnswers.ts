import type { ChosenInlineResult, InlineQuery, InlineQueryResult } from '@delegram/api';
import { sleep } from '@delegram/api';
import type { Bot, FlavorRoutingTable } from 'delegram';
import { Answerer } from 'delegram';

/** Options of {@link inlineAnswers}. */
export interface InlineAnswersOptions {
  /** How long the pretend lookup behind each answer takes, in ms (default 300). */
  readonly lookupMs?: number;
  /** Told about each chosen result (default: nothing). */
  readonly onChosen?: (result: ChosenInlineResult) => void;
}

/** The answers to one query: the text as is, in capitals, and reversed. */
export function articlesFor(text: string): InlineQueryResult[] {
  const variants: [id: string, title: string][] = [
    ['as-is', text],
    ['upper', text.toUpperCase()],
    ['reversed', [...text].reverse().join('')],
  ];
  return variants.map(([id, title]) => ({
    type: 'article',
    id,
    title,
    input_message_content: { message_text: title },
  }));
}

/**
 * Plain inline answering (telepot's `inline_query_answerer`): a routing table whose inline queries
 * go to one {@link Answerer} for the whole bot. Each answer takes a (pretend) lookup; while a user
 * types, each new query aborts the lookup of their previous one, so only the newest gets answered.
 *
 * @param bot - the bot
 * @param options - lookup time, chosen-result hook
 * @returns the routing table for the message loop, and the answerer (for its counters)
 */
export function inlineAnswers(
  bot: Bot,
  options: InlineAnswersOptions = {},
): { readonly table: FlavorRoutingTable; readonly answerer: Answerer } {
  const lookupMs = options.lookupMs ?? 300;
  const answerer = new Answerer(bot, { defaults: { cache_time: 0 } });
  const table: FlavorRoutingTable = {
    inline_query: (query: InlineQuery) => {
      void answerer.answer(query, async (q, signal) => {
        await sleep(bot.clock, lookupMs, signal);
        return q.query.trim() === '' ? [] : articlesFor(q.query);
      });
    },
    chosen_inline_result: (result: ChosenInlineResult) => options.onChosen?.(result),
  };
  return { table, answerer };
}
