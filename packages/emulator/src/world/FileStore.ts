import { createHash, randomBytes } from 'node:crypto';
import { imageSize } from './imageSize.js';

/** What kind of media a stored file is; decides its folder and which send methods accept it. */
export type FileKind =
  | 'photo'
  | 'audio'
  | 'document'
  | 'video'
  | 'animation'
  | 'voice'
  | 'video_note'
  | 'sticker'
  | 'thumbnail';

/** One file held by the emulator: bytes plus the ids and metadata Telegram would issue. */
export interface StoredFile {
  /** The id bots send back to reuse the file. */
  readonly fileId: string;
  /** The stable id that cannot be used to download. */
  readonly fileUniqueId: string;
  /** The media kind. */
  readonly kind: FileKind;
  /** `file_path` as `getFile` returns it (relative, served under `/file/bot<token>/`). */
  readonly path: string;
  /** The bytes (empty for files sent by URL, which the offline emulator does not fetch). */
  readonly data: Buffer;
  /** Size in bytes. */
  readonly size: number;
  /** Original file name, if the upload carried one. */
  readonly fileName?: string;
  /** MIME type, if known. */
  readonly mimeType?: string;
  /** Pixel width, for images whose header could be read. */
  readonly width?: number;
  /** Pixel height, for images whose header could be read. */
  readonly height?: number;
  /** For files "sent by URL": the URL. */
  readonly sourceUrl?: string;
}

const FOLDERS: Record<FileKind, [folder: string, ext: string]> = {
  photo: ['photos', 'jpg'],
  audio: ['music', 'mp3'],
  document: ['documents', 'bin'],
  video: ['videos', 'mp4'],
  animation: ['animations', 'mp4'],
  voice: ['voice', 'oga'],
  video_note: ['video_notes', 'mp4'],
  sticker: ['stickers', 'webp'],
  thumbnail: ['thumbnails', 'jpg'],
};

/**
 * The emulator's file storage: uploads by bytes, `file_id`/`file_unique_id` issuance and lookup
 * by id or by `file_path` (for the `/file/bot<token>/<path>` download route).
 *
 * As in Telegram, a `file_id` belongs to one bot: each stored file has a canonical id (what the
 * world's messages and the control side hold) and, for every bot that receives or sends it, a
 * bot-specific id ({@link FileStore.idFor}). Bots only ever see their own ids
 * ({@link FileStore.toBotView}); another bot's id is unknown to them ({@link FileStore.forBot}).
 * `file_unique_id` is the same for every bot.
 */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPathMap = new Map<string, StoredFile>();
  private readonly botIds = new Map<string, { file: StoredFile; botId: number }>();
  private readonly botIdOf = new Map<string, string>();
  private seq = 0;

  /**
   * Stores bytes as a new file and issues its ids.
   *
   * @param data - the file's content
   * @param meta - its kind and, if known, name, MIME type and source URL
   * @returns the stored file
   */
  put(
    data: Buffer,
    meta: { kind: FileKind; fileName?: string; mimeType?: string; sourceUrl?: string },
  ): StoredFile {
    const n = ++this.seq;
    const [folder, defaultExt] = FOLDERS[meta.kind];
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(meta.fileName ?? '')?.[1] ?? defaultExt;
    const unique = createHash('sha256')
      .update(meta.kind)
      .update(data)
      .update(meta.sourceUrl ?? '')
      .digest('base64url')
      .slice(0, 16);
    const size = meta.kind === 'photo' || meta.kind === 'thumbnail' ? imageSize(data) : undefined;
    const file: StoredFile = {
      fileId: `${kindTag(meta.kind)}${n.toString(36)}_${randomBytes(12).toString('base64url')}`,
      fileUniqueId: `AQAD${unique}`,
      kind: meta.kind,
      path: `${folder}/file_${n}.${ext}`,
      data,
      size: data.length,
      ...(meta.fileName === undefined ? {} : { fileName: meta.fileName }),
      ...(meta.mimeType === undefined ? {} : { mimeType: meta.mimeType }),
      ...(meta.sourceUrl === undefined ? {} : { sourceUrl: meta.sourceUrl }),
      ...(size === undefined ? {} : { width: size.width, height: size.height }),
    };
    this.byId.set(file.fileId, file);
    this.byPathMap.set(file.path, file);
    return file;
  }

  /**
   * The file with this canonical or bot-specific `file_id`, if any (for the control side, which
   * may look at every bot's files; bot calls use {@link FileStore.forBot}).
   */
  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId) ?? this.botIds.get(fileId)?.file;
  }

  /**
   * The file a bot means by `fileId`: only ids issued to that bot count, as in Telegram.
   *
   * @param fileId - the id the bot sent
   * @param botId - the calling bot
   * @returns the file, or `undefined` for an unknown id or another bot's id
   */
  forBot(fileId: string, botId: number): StoredFile | undefined {
    const entry = this.botIds.get(fileId);
    return entry?.botId === botId ? entry.file : undefined;
  }

  /**
   * The bot-specific `file_id` of a file, issued on first use (stable afterwards).
   *
   * @param file - the stored file
   * @param botId - the bot
   * @returns the id that bot sees and may send back
   */
  idFor(file: StoredFile, botId: number): string {
    const key = `${botId}:${file.fileId}`;
    let id = this.botIdOf.get(key);
    if (id === undefined) {
      const tag = file.fileId.slice(0, file.fileId.indexOf('_'));
      id = `${tag}_${botId.toString(36)}${randomBytes(12).toString('base64url')}`;
      this.botIdOf.set(key, id);
      this.botIds.set(id, { file, botId });
    }
    return id;
  }

  /**
   * A copy of a JSON value (an update payload or a method result) as one bot sees it: every
   * canonical `file_id` replaced by that bot's id. Values without stored files come back as they
   * are (no copy).
   *
   * @param value - the value
   * @param botId - the bot that will see it
   * @returns the value with the bot's file ids
   */
  toBotView<T>(value: T, botId: number): T {
    if (this.byId.size === 0) return value;
    return this.rewrite(value, botId) as T;
  }

  private rewrite(value: unknown, botId: number): unknown {
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v, botId));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const file = key === 'file_id' && typeof v === 'string' ? this.byId.get(v) : undefined;
      out[key] = file === undefined ? this.rewrite(v, botId) : this.idFor(file, botId);
    }
    return out;
  }

  /**
   * The file at this `file_path` (what the download route serves), if any.
   *
   * @param path - the `file_path` from `getFile`
   * @param botId - when given, only a file this bot has an id for (got or sent) is found
   * @returns the file
   */
  byPath(path: string, botId?: number): StoredFile | undefined {
    const file = this.byPathMap.get(path);
    if (file === undefined || botId === undefined) return file;
    return this.botIdOf.has(`${botId}:${file.fileId}`) ? file : undefined;
  }

  /** Number of stored files. */
  get size(): number {
    return this.byId.size;
  }
}

function kindTag(kind: FileKind): string {
  return `${kind.slice(0, 2).toUpperCase()}ACAgI`;
}
