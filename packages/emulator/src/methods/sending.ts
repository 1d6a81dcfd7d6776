import type { InputPollOption, Message, MessageEntity } from '@delegram/api';
import { randomInt } from 'node:crypto';
import { badRequest } from '../ApiError.js';
import { formatText } from '../world/formatting/formatText.js';
import { sendFromBot, targetChat, textFields } from './compose.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** `sendMessage`: a text message with entities, reply and keyboard. */
export function sendMessage(ctx: MethodContext): Message {
  const chat = targetChat(ctx);
  const link = new Params(ctx).json<object>('link_preview_options');
  return sendFromBot(
    ctx,
    { ...textFields(ctx), ...(link === undefined ? {} : { link_preview_options: link }) },
    chat,
  );
}

/** `sendLocation`: a point on the map (live if `live_period` is given). */
export function sendLocation(ctx: MethodContext): Message {
  return sendFromBot(ctx, { location: location(new Params(ctx)) });
}

/** `sendVenue`: a named place with an address. */
export function sendVenue(ctx: MethodContext): Message {
  const p = new Params(ctx);
  const loc = location(p);
  const optional = ['foursquare_id', 'foursquare_type', 'google_place_id', 'google_place_type'];
  const venue = {
    location: loc,
    title: p.reqStr('title'),
    address: p.reqStr('address'),
    ...Object.fromEntries(optional.filter((k) => p.has(k)).map((k) => [k, p.str(k)])),
  };
  return sendFromBot(ctx, { venue, location: loc });
}

/** `sendContact`: a phone contact. */
export function sendContact(ctx: MethodContext): Message {
  const p = new Params(ctx);
  const contact = {
    phone_number: p.reqStr('phone_number'),
    first_name: p.reqStr('first_name'),
    ...(p.has('last_name') ? { last_name: p.str('last_name') } : {}),
    ...(p.has('vcard') ? { vcard: p.str('vcard') } : {}),
  };
  return sendFromBot(ctx, { contact });
}

/** `sendPoll`: a regular poll or a quiz with 2-12 options. */
export function sendPoll(ctx: MethodContext): Message {
  const p = new Params(ctx);
  const chat = targetChat(ctx);
  const question = formatText(
    p.reqStr('question'),
    p.str('question_parse_mode'),
    p.json<MessageEntity[]>('question_entities'),
  );
  if (question.text.trim() === '') throw badRequest('poll question must be non-empty');
  if (question.text.length > 300) throw badRequest('poll question length must not exceed 300');
  const raw = p.array<InputPollOption | string>('options');
  if (raw.length < 2) throw badRequest('poll must have at least 2 option');
  if (raw.length > 12) throw badRequest("poll can't have more than 12 options");
  const options = raw.map((o, i) => {
    const text = typeof o === 'string' ? o : o.text;
    if (typeof text !== 'string' || text.trim() === '')
      throw badRequest('poll options must be non-empty');
    if (text.length > 100) throw badRequest('poll options length must not exceed 100');
    return { persistent_id: String(i), text, voter_count: 0 };
  });
  const type = p.str('type') ?? 'regular';
  if (type !== 'regular' && type !== 'quiz') throw badRequest('wrong poll type specified');
  const correct =
    p.json<number[]>('correct_option_ids') ??
    (p.has('correct_option_id') ? [p.reqInt('correct_option_id')] : undefined);
  if (
    type === 'quiz' &&
    (correct === undefined || correct.some((i) => i < 0 || i >= options.length))
  ) {
    throw badRequest('wrong correct option ID specified');
  }
  const explanation = p.str('explanation');
  const poll = {
    id: `5${String(ctx.world.clock.now()).slice(-9)}${randomInt(1_000_000)}`,
    question: question.text,
    ...(question.entities.length > 0 ? { question_entities: question.entities } : {}),
    options,
    total_voter_count: 0,
    is_closed: p.bool('is_closed'),
    is_anonymous: p.has('is_anonymous') ? p.bool('is_anonymous') : true,
    type,
    allows_multiple_answers: p.bool('allows_multiple_answers'),
    allows_revoting: type === 'regular',
    members_only: false,
    ...(type === 'quiz' && correct !== undefined ? { correct_option_ids: correct } : {}),
    ...(explanation === undefined ? {} : { explanation }),
    ...(p.has('open_period') ? { open_period: p.int('open_period') } : {}),
    ...(p.has('close_date') ? { close_date: p.int('close_date') } : {}),
  };
  return sendFromBot(ctx, { poll }, chat);
}

const DICE_MAX: Record<string, number> = { '🎲': 6, '🎯': 6, '🎳': 6, '🏀': 5, '⚽': 5, '🎰': 64 };

/** `sendDice`: an animated emoji with a random value (🎲🎯🎳 1-6, 🏀⚽ 1-5, 🎰 1-64). */
export function sendDice(ctx: MethodContext): Message {
  const emoji = new Params(ctx).str('emoji') ?? '🎲';
  const max = DICE_MAX[emoji];
  if (max === undefined) throw badRequest('invalid dice emoji specified');
  return sendFromBot(ctx, { dice: { emoji, value: randomInt(1, max + 1) } });
}

const ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** `sendChatAction`: "typing…" and friends; shown to the chat page, returns True. */
export function sendChatAction(ctx: MethodContext): true {
  const action = new Params(ctx).reqStr('action');
  if (!ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  const chat = targetChat(ctx);
  ctx.world.emit('chatAction', { chat: ctx.world.chatRef(chat), botId: ctx.bot.id, action });
  return true;
}

function location(p: Params): { latitude: number; longitude: number } & Record<string, number> {
  const latitude = p.num('latitude');
  const longitude = p.num('longitude');
  if (latitude === undefined || latitude < -90 || latitude > 90)
    throw badRequest('wrong latitude specified');
  if (longitude === undefined || longitude < -180 || longitude > 180)
    throw badRequest('wrong longitude specified');
  const extra: Record<string, number> = {};
  for (const k of ['horizontal_accuracy', 'live_period', 'heading', 'proximity_alert_radius']) {
    const v = p.num(k);
    if (v !== undefined) extra[k] = v;
  }
  return { latitude, longitude, ...extra };
}
