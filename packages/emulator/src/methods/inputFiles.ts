import type { Message, PhotoSize } from '@delegram/api';
import { ApiError, badRequest } from '../ApiError.js';
import type { FileKind, StoredFile } from '../world/FileStore.js';
import type { MethodContext } from './MethodContext.js';
import type { Params } from './params.js';

/** Telegram's upload limit for photos (10 MB). */
export const MAX_PHOTO_UPLOAD = 10 * 1024 * 1024;
/** Telegram's upload limit for every other file (50 MB). */
export const MAX_FILE_UPLOAD = 50 * 1024 * 1024;

const COMPATIBLE: Record<FileKind, readonly FileKind[]> = {
  photo: ['photo'],
  thumbnail: ['thumbnail', 'photo'],
  sticker: ['sticker'],
  voice: ['voice'],
  video_note: ['video_note'],
  audio: ['audio', 'document'],
  document: ['document', 'audio', 'video', 'animation', 'photo', 'voice', 'sticker'],
  video: ['video', 'animation', 'document'],
  animation: ['animation', 'video', 'document'],
};

/**
 * Turns an `InputFile` parameter into a stored file: an upload (a multipart part named after the
 * parameter, or `attach://<name>`), a `file_id` already issued, or an HTTP URL (recorded, not
 * fetched: the emulator is offline). A `file_id` must be one this bot got or sent: another bot's
 * id is as unknown as a made-up one.
 *
 * @param ctx - the call (its uploads)
 * @param value - the parameter's string value, if any
 * @param field - the parameter name (a multipart part of that name is an upload)
 * @param kind - how the file will be used
 * @returns the stored file
 * @throws ApiError 400 `wrong file identifier/HTTP URL specified`, `file is too big`, `can't use file of type …`, 413 over 50 MB
 */
export function resolveInputFile(
  ctx: MethodContext,
  value: string | undefined,
  field: string,
  kind: FileKind,
): StoredFile {
  const attach =
    value?.startsWith('attach://') === true ? value.slice('attach://'.length) : undefined;
  const upload =
    attach !== undefined
      ? ctx.files.get(attach)
      : value === undefined
        ? ctx.files.get(field)
        : undefined;
  if (upload !== undefined) {
    if (upload.data.length > MAX_FILE_UPLOAD) throw new ApiError(413, 'Request Entity Too Large');
    if (kind === 'photo' && upload.data.length > MAX_PHOTO_UPLOAD)
      throw badRequest('file is too big');
    if (upload.data.length === 0) throw badRequest('file must be non-empty');
    return ctx.world.files.put(upload.data, {
      kind,
      ...(upload.filename === '' ? {} : { fileName: upload.filename }),
      ...(upload.contentType === 'application/octet-stream'
        ? {}
        : { mimeType: upload.contentType }),
    });
  }
  if (value === undefined || attach !== undefined) {
    throw badRequest(
      attach !== undefined
        ? `wrong file identifier/HTTP URL specified`
        : `there is no ${field} in the request`,
    );
  }
  if (/^https?:\/\/\S+$/i.test(value)) {
    const fileName = /\/([^/?#]+)(?:[?#].*)?$/.exec(value)?.[1];
    return ctx.world.files.put(Buffer.alloc(0), {
      kind,
      sourceUrl: value,
      ...(fileName === undefined ? {} : { fileName }),
    });
  }
  const file = ctx.world.files.forBot(value.trim(), ctx.bot.id);
  if (file === undefined) throw badRequest('wrong file identifier/HTTP URL specified');
  if (!COMPATIBLE[kind].includes(file.kind)) {
    throw badRequest(`can't use file of type ${typeName(file.kind)} as ${typeName(kind)}`);
  }
  return file;
}

function typeName(kind: FileKind): string {
  return kind
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * The message fields for a stored file used as `kind`: `photo` sizes, `document`, `audio`, ...
 *
 * @param file - the stored file
 * @param kind - how it is sent
 * @param p - the call's (or InputMedia's) parameters: duration, width, title, ...
 * @returns the message fields
 */
export function mediaFields(file: StoredFile, kind: FileKind, p: Params): Partial<Message> {
  const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId };
  const size = file.size > 0 ? { file_size: file.size } : {};
  const name = file.fileName === undefined ? {} : { file_name: file.fileName };
  const mime = file.mimeType === undefined ? {} : { mime_type: file.mimeType };
  const duration = p.int('duration') ?? 0;
  switch (kind) {
    case 'photo':
    case 'thumbnail':
      return { photo: photoSizes(file) };
    case 'document':
      return { document: { ...ids, ...name, ...mime, ...size } };
    case 'audio': {
      const performer = p.str('performer');
      const title = p.str('title');
      return {
        audio: {
          ...ids,
          duration,
          ...(performer === undefined ? {} : { performer }),
          ...(title === undefined ? {} : { title }),
          ...name,
          ...mime,
          ...size,
        },
      };
    }
    case 'video':
    case 'animation': {
      const video = {
        ...ids,
        width: p.int('width') ?? file.width ?? 0,
        height: p.int('height') ?? file.height ?? 0,
        duration,
        ...name,
        ...mime,
        ...size,
      };
      return kind === 'video'
        ? { video }
        : { animation: video, document: { ...ids, ...name, ...mime, ...size } };
    }
    case 'voice':
      return { voice: { ...ids, duration, ...mime, ...size } };
    case 'video_note':
      return { video_note: { ...ids, length: p.int('length') ?? 240, duration, ...size } };
    case 'sticker': {
      const emoji = p.str('emoji');
      return {
        sticker: {
          ...ids,
          type: 'regular',
          width: file.width ?? 512,
          height: file.height ?? 512,
          is_animated: false,
          is_video: false,
          ...(emoji === undefined ? {} : { emoji }),
          ...size,
        },
      };
    }
  }
}

/** The `PhotoSize` list of a photo (one size: the emulator does not resize images). */
export function photoSizes(file: StoredFile): PhotoSize[] {
  return [
    {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width: file.width ?? 0,
      height: file.height ?? 0,
      ...(file.size > 0 ? { file_size: file.size } : {}),
    },
  ];
}
