import type { InlineQueryResult, InputMessageContent, Message, MessageEntity } from '@delegram/api';
import type { FileKind } from '../world/FileStore.js';
import { EmulatorError } from '../world/EmulatorError.js';
import { formatText } from '../world/formatting/formatText.js';
import type { World } from '../world/World.js';

type Loose = Record<string, unknown>;

const MEDIA: Record<string, [kind: FileKind, field: keyof Message, url: string, fileId: string]> = {
  photo: ['photo', 'photo', 'photo_url', 'photo_file_id'],
  gif: ['animation', 'animation', 'gif_url', 'gif_file_id'],
  mpeg4_gif: ['animation', 'animation', 'mpeg4_url', 'mpeg4_file_id'],
  video: ['video', 'video', 'video_url', 'video_file_id'],
  audio: ['audio', 'audio', 'audio_url', 'audio_file_id'],
  voice: ['voice', 'voice', 'voice_url', 'voice_file_id'],
  document: ['document', 'document', 'document_url', 'document_file_id'],
  sticker: ['sticker', 'sticker', '', 'sticker_file_id'],
};

/**
 * The content of the message a chosen inline result sends: its `input_message_content`, or the
 * media / location / venue / contact / game the result describes.
 *
 * @param world - the world (file ids are looked up, URLs recorded)
 * @param result - the chosen result
 * @returns the message fields (with `reply_markup` when the result has one)
 */
export function inlineResultContent(world: World, result: InlineQueryResult): Partial<Message> {
  const r = result as unknown as Loose;
  const markup =
    r.reply_markup === undefined ? {} : { reply_markup: r.reply_markup as Message['reply_markup'] };
  const input = r.input_message_content as InputMessageContent | undefined;
  if (input !== undefined) return { ...fromInput(input), ...markup };
  const media = MEDIA[result.type];
  if (media !== undefined) {
    const [kind, field, urlKey, idKey] = media;
    const id = r[idKey];
    const url = r[urlKey];
    const file =
      typeof id === 'string'
        ? world.files.get(id)
        : typeof url === 'string'
          ? world.files.put(Buffer.alloc(0), {
              kind,
              sourceUrl: url,
              ...(typeof r.mime_type === 'string' ? { mimeType: r.mime_type } : {}),
            })
          : undefined;
    if (file === undefined)
      throw new EmulatorError(
        'not_found',
        `Inline result "${result.id}" names a file the emulator does not have`,
      );
    const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId };
    const value =
      kind === 'photo'
        ? [
            {
              ...ids,
              width: Number(r.photo_width ?? file.width ?? 0),
              height: Number(r.photo_height ?? file.height ?? 0),
            },
          ]
        : { ...ids, ...mediaExtras(kind, r) };
    const caption =
      typeof r.caption === 'string'
        ? formatText(
            r.caption,
            r.parse_mode as string | undefined,
            r.caption_entities as MessageEntity[] | undefined,
          )
        : undefined;
    return {
      [field]: value,
      ...(caption === undefined || caption.text === ''
        ? {}
        : {
            caption: caption.text,
            ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
          }),
      ...markup,
    };
  }
  switch (result.type) {
    case 'location':
      return {
        location: { latitude: Number(r.latitude), longitude: Number(r.longitude) },
        ...markup,
      };
    case 'venue': {
      const location = { latitude: Number(r.latitude), longitude: Number(r.longitude) };
      return {
        venue: { location, title: text(r.title), address: text(r.address) },
        location,
        ...markup,
      };
    }
    case 'contact':
      return {
        contact: { phone_number: text(r.phone_number), first_name: text(r.first_name) },
        ...markup,
      };
    case 'game':
      return {
        game: {
          title: text(r.game_short_name),
          description: text(r.game_short_name),
          photo: [],
        },
        ...markup,
      };
    default:
      throw new EmulatorError(
        'invalid_option',
        `Inline result "${result.id}" of type ${result.type} has no input_message_content`,
      );
  }
}

function fromInput(input: InputMessageContent): Partial<Message> {
  const c = input as unknown as Loose;
  if (typeof c.message_text === 'string') {
    const f = formatText(
      c.message_text,
      c.parse_mode as string | undefined,
      c.entities as MessageEntity[] | undefined,
    );
    return f.entities.length > 0 ? { text: f.text, entities: f.entities } : { text: f.text };
  }
  if (c.address !== undefined) {
    const location = { latitude: Number(c.latitude), longitude: Number(c.longitude) };
    return { venue: { location, title: text(c.title), address: text(c.address) }, location };
  }
  if (c.latitude !== undefined)
    return { location: { latitude: Number(c.latitude), longitude: Number(c.longitude) } };
  if (c.phone_number !== undefined) {
    return {
      contact: { phone_number: text(c.phone_number), first_name: text(c.first_name) },
    };
  }
  throw new EmulatorError(
    'invalid_option',
    'This input_message_content kind is not supported by the emulator',
  );
}

function mediaExtras(kind: FileKind, r: Loose): Loose {
  switch (kind) {
    case 'video':
    case 'animation':
      return {
        width: 0,
        height: 0,
        duration: Number(r.video_duration ?? r.gif_duration ?? r.mpeg4_duration ?? 0),
      };
    case 'audio':
      return {
        duration: Number(r.audio_duration ?? 0),
        ...(typeof r.title === 'string' ? { title: r.title } : {}),
      };
    case 'voice':
      return { duration: Number(r.voice_duration ?? 0) };
    case 'document':
      return typeof r.title === 'string' ? { file_name: r.title } : {};
    case 'sticker':
      return { type: 'regular', width: 512, height: 512, is_animated: false, is_video: false };
    default:
      return {};
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
