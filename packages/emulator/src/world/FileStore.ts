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
 */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPathMap = new Map<string, StoredFile>();
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

  /** The file with this `file_id`, if any. */
  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  /** The file at this `file_path` (what the download route serves), if any. */
  byPath(path: string): StoredFile | undefined {
    return this.byPathMap.get(path);
  }

  /** Number of stored files. */
  get size(): number {
    return this.byId.size;
  }
}

function kindTag(kind: FileKind): string {
  return `${kind.slice(0, 2).toUpperCase()}ACAgI`;
}
