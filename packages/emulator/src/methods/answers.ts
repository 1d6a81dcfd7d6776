import type { InlineQueryResult, InlineQueryResultsButton, ShippingOption } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import { MAX_INLINE_CACHE_TIME } from '../world/InlineCache.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** Most results one inline answer may carry. */
export const MAX_INLINE_RESULTS = 50;

/**
 * `answerCallbackQuery`: the answer reaches the person who pressed the button. Its `url` must be a
 * Telegram link (`t.me/<bot>?start=…`, `tg://`), or any web URL when the button was a game's.
 */
export function answerCallbackQuery(ctx: MethodContext): true {
  const p = new Params(ctx);
  const text = p.str('text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  const url = p.str('url');
  const id = p.reqStr('callback_query_id');
  const meta = ctx.world.callbackQueries.metaOf(ctx.bot.id, id);
  // Telegram opens only a game's URL (for a game button) or a link to a bot (t.me/<bot>?start=).
  if (
    meta !== undefined &&
    url !== undefined &&
    url !== '' &&
    !callbackUrlAllowed(url, meta.game)
  ) {
    throw badRequest('URL_INVALID');
  }
  ctx.world.callbackQueries.answer(ctx.bot.id, id, {
    ...(text === undefined || text === '' ? {} : { text }),
    showAlert: p.bool('show_alert'),
    ...(url === undefined || url === '' ? {} : { url }),
    cacheTime: p.int('cache_time') ?? 0,
  });
  return true;
}

/** Whether a callback answer may carry `url`: a t.me link, or any web URL for a game's button. */
function callbackUrlAllowed(url: string, game: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'tg:') return true;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return game || ['t.me', 'telegram.me', 'telegram.dog'].includes(parsed.hostname.toLowerCase());
}

/**
 * `answerInlineQuery`: up to 50 results with unique ids, shown to the person typing. `cache_time`
 * (default 300 s, clamped to 0..86400) and `is_personal` decide how the answer is cached; cached
 * files (`photo_file_id`, ...) must be this bot's own ids.
 */
export function answerInlineQuery(ctx: MethodContext): true {
  const p = new Params(ctx);
  const id = p.reqStr('inline_query_id');
  const results = p.array<InlineQueryResult>('results');
  if (results.length > MAX_INLINE_RESULTS) throw badRequest('RESULTS_TOO_MUCH');
  const seen = new Set<string>();
  for (const result of results) {
    if (typeof result !== 'object' || typeof result.type !== 'string') {
      throw badRequest('can\'t parse inline query result: Field "type" must be of type String');
    }
    if (typeof result.id !== 'string' || result.id === '' || Buffer.byteLength(result.id) > 64) {
      throw badRequest('RESULT_ID_INVALID');
    }
    if (seen.has(result.id)) throw badRequest('RESULT_ID_DUPLICATE');
    seen.add(result.id);
    for (const [key, value] of Object.entries(result)) {
      if (
        key.endsWith('_file_id') &&
        (typeof value !== 'string' ||
          ctx.world.files.forBot(value.trim(), ctx.bot.id) === undefined)
      ) {
        throw badRequest('wrong file identifier/HTTP URL specified');
      }
    }
    if (
      result.type === 'article' &&
      (result as { input_message_content?: unknown }).input_message_content === undefined
    ) {
      throw badRequest(
        'can\'t parse inline query result: Field "input_message_content" must be of type Object',
      );
    }
  }
  const nextOffset = p.str('next_offset') ?? '';
  if (Buffer.byteLength(nextOffset) > 64) throw badRequest('NEXT_OFFSET_INVALID');
  const button = p.json<InlineQueryResultsButton>('button');
  ctx.world.inlineQueries.answer(ctx.bot.id, id, {
    results,
    nextOffset,
    cacheTime: Math.min(MAX_INLINE_CACHE_TIME, Math.max(0, p.int('cache_time') ?? 300)),
    isPersonal: p.bool('is_personal'),
    ...(button === undefined ? {} : { button }),
  });
  return true;
}

/** `answerShippingQuery`: shipping options for the address, or why delivery is impossible. */
export function answerShippingQuery(ctx: MethodContext): true {
  const p = new Params(ctx);
  const ok = p.bool('ok');
  const options = p.json<ShippingOption[]>('shipping_options') ?? [];
  const errorMessage = p.str('error_message');
  if (ok && options.length === 0) throw badRequest('SHIPPING_OPTIONS_EMPTY');
  if (!ok && (errorMessage === undefined || errorMessage === ''))
    throw badRequest('ERROR_MESSAGE_EMPTY');
  ctx.world.shippingQueries.answer(ctx.bot.id, p.reqStr('shipping_query_id'), {
    ok,
    shippingOptions: options,
    ...(errorMessage === undefined ? {} : { errorMessage }),
  });
  return true;
}

/** `answerPreCheckoutQuery`: confirms (or refuses) the order before the payment goes through. */
export function answerPreCheckoutQuery(ctx: MethodContext): true {
  const p = new Params(ctx);
  const ok = p.bool('ok');
  const errorMessage = p.str('error_message');
  if (!ok && (errorMessage === undefined || errorMessage === ''))
    throw badRequest('ERROR_MESSAGE_EMPTY');
  ctx.world.preCheckoutQueries.answer(ctx.bot.id, p.reqStr('pre_checkout_query_id'), {
    ok,
    ...(errorMessage === undefined ? {} : { errorMessage }),
  });
  return true;
}
