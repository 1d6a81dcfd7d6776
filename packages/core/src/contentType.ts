import type { Message } from '@delegram/api';

/**
 * The content keys of a message, in the order {@link contentType} tries them: the first key present
 * wins.
 *
 * It is telepot's `all_content_types` order, extended with every content key of the current Bot
 * API. Where a newer key arrives together with an older one for backward compatibility, the newer
 * (more specific) key comes first: `animation` before `document` (a GIF also carries `document`),
 * `live_photo` before `photo`, `venue` before `location` (a venue also carries `location`; telepot
 * reported venues as `location`), `rich_message` before `text`. The deprecated `new_chat_member`
 * is gone; `new_chat_members` takes its place.
 */
export const CONTENT_TYPES = [
  // telepot's order (adjusted as described above)
  'rich_message',
  'text',
  'audio',
  'animation',
  'document',
  'game',
  'live_photo',
  'photo',
  'sticker',
  'video',
  'voice',
  'video_note',
  'contact',
  'venue',
  'location',
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'invoice',
  'successful_payment',
  // added since Bot API 3.6, in the spec's order
  'paid_media',
  'story',
  'checklist',
  'dice',
  'poll',
  'chat_owner_left',
  'chat_owner_changed',
  'message_auto_delete_timer_changed',
  'refunded_payment',
  'users_shared',
  'chat_shared',
  'gift',
  'unique_gift',
  'gift_upgrade_sent',
  'connected_website',
  'write_access_allowed',
  'passport_data',
  'proximity_alert_triggered',
  'boost_added',
  'chat_background_set',
  'checklist_tasks_done',
  'checklist_tasks_added',
  'direct_message_price_changed',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'giveaway_created',
  'giveaway',
  'giveaway_winners',
  'giveaway_completed',
  'managed_bot_created',
  'paid_message_price_changed',
  'poll_option_added',
  'poll_option_deleted',
  'suggested_post_approved',
  'suggested_post_approval_failed',
  'suggested_post_declined',
  'suggested_post_paid',
  'suggested_post_refunded',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
  'web_app_data',
] as const satisfies readonly (keyof Message)[];

/**
 * What a message contains: one of {@link CONTENT_TYPES}, or `'unknown'` for a message whose
 * content key this build does not know (a newer Bot API) or that has none.
 */
export type ContentType = (typeof CONTENT_TYPES)[number] | 'unknown';

/**
 * Returns a message's content type: the first key of {@link CONTENT_TYPES} present in it.
 *
 * Never throws: a message with no known content key (telepot raised `KeyError` here) gives
 * `'unknown'`, so routing tables can have an `unknown` entry. The raw message is still there for
 * whoever wants to look at its keys.
 *
 * @example
 * ```ts
 * contentType({ message_id: 1, date: 0, chat, text: 'hi' }); // 'text'
 * contentType(gifMessage); // 'animation', although it also has `document`
 * ```
 * @param msg - a chat message
 * @returns the content type, or `'unknown'`
 */
export function contentType(msg: Message): ContentType {
  const record = msg as unknown as Record<string, unknown>;
  for (const key of CONTENT_TYPES) {
    if (record[key] !== undefined) return key;
  }
  return 'unknown';
}
