import type { InputMedia, Message } from '@delegram/api';
import { randomBytes } from 'node:crypto';
import { badRequest } from '../ApiError.js';
import type { FileKind } from '../world/FileStore.js';
import { captionFields, findReply, sendFromBot, targetChat } from './compose.js';
import { mediaFields, resolveInputFile } from './inputFiles.js';
import { withMentions } from './mentions.js';
import type { MethodContext } from './MethodContext.js';
import type { MethodImpl } from './MethodContext.js';
import { Params } from './params.js';

/**
 * Builds a media-sending method (`sendPhoto`, `sendDocument`, ...): resolves the file parameter,
 * adds caption fields and spoiler flag, and sends.
 *
 * @param field - the file parameter (`photo`, `document`, ...)
 * @param kind - how the file is stored and shown
 * @param captioned - whether the method takes a caption (stickers and video notes do not)
 * @returns the method implementation
 */
export function mediaSender(field: string, kind: FileKind, captioned = true): MethodImpl {
  return (ctx: MethodContext): Message => {
    const chat = targetChat(ctx);
    const p = new Params(ctx);
    const file = resolveInputFile(ctx, p.str(field), field, kind);
    const content: Partial<Message> = {
      ...mediaFields(file, kind, p),
      ...(captioned ? captionFields(p) : {}),
      ...(p.bool('has_spoiler') ? { has_media_spoiler: true } : {}),
      ...(p.bool('show_caption_above_media') ? { show_caption_above_media: true } : {}),
    };
    return sendFromBot(ctx, content, chat);
  };
}

const MEDIA_KINDS: Record<string, FileKind> = {
  photo: 'photo',
  video: 'video',
  audio: 'audio',
  document: 'document',
  animation: 'animation',
};

/**
 * Reads one `InputMedia` object: its file (upload via `attach://`, file id or URL) and caption.
 *
 * @param ctx - the call (its uploads)
 * @param media - the InputMedia object
 * @returns the kind and message fields
 */
export function inputMediaContent(
  ctx: MethodContext,
  media: InputMedia,
): { kind: FileKind; content: Partial<Message> } {
  const kind = MEDIA_KINDS[media.type];
  if (kind === undefined)
    throw badRequest(`unsupported media type "${String(media.type)}" specified`);
  if (typeof media.media !== 'string') throw badRequest('media must be a String');
  const p = new Params({ params: media as unknown as Record<string, unknown> });
  const file = resolveInputFile(ctx, media.media, 'media', kind);
  return {
    kind,
    content: {
      ...mediaFields(file, kind, p),
      ...captionFields(p),
      ...(p.bool('has_spoiler') ? { has_media_spoiler: true } : {}),
    },
  };
}

/**
 * `sendMediaGroup`: an album of 2-10 photos and videos, or of documents only, or of audio only;
 * files come by `attach://<part>`, file id or URL. Returns the sent messages.
 */
export function sendMediaGroup(ctx: MethodContext): Message[] {
  const chat = targetChat(ctx);
  const p = new Params(ctx);
  const items = p.array<InputMedia>('media');
  if (items.length < 2 || items.length > 10) {
    throw badRequest('media group must contain from 2 to 10 items');
  }
  const parts = items.map((m) => inputMediaContent(ctx, m));
  const kinds = new Set(parts.map((x) => x.kind));
  for (const only of ['document', 'audio'] as const) {
    if (kinds.has(only) && kinds.size > 1)
      throw badRequest(`${only} can't be mixed with other media types`);
  }
  const replyTo = findReply(ctx, chat);
  const groupId = BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
  return parts.map(({ content }) => {
    const message = ctx.world.postMessage(
      chat,
      ctx.bot,
      {
        ...withMentions(ctx.world, content),
        media_group_id: groupId,
        ...(p.bool('protect_content') ? { has_protected_content: true } : {}),
      },
      replyTo === undefined ? {} : { replyTo },
    );
    return structuredClone(message);
  });
}
