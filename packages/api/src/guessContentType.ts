const TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  heic: 'image/heic',
  tgs: 'application/x-tgsticker',
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  wav: 'audio/wav',
  flac: 'audio/flac',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  json: 'application/json',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  md: 'text/markdown',
  xml: 'application/xml',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  apk: 'application/vnd.android.package-archive',
};

/** The content type used when nothing better is known. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Guesses a file's content type from the extension of its name.
 *
 * Covers the formats bots usually send (images, stickers, video, audio, documents); anything else
 * is `application/octet-stream`, which Telegram accepts for documents.
 *
 * @param filename - a file name or path, e.g. `photo.JPG`
 * @returns the content type, e.g. `image/jpeg`
 */
export function guessContentType(filename: string): string {
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return DEFAULT_CONTENT_TYPE;
  return TYPES[filename.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * Finds the usual file extension for a content type (the reverse of {@link guessContentType}).
 *
 * @param contentType - e.g. `image/png` (parameters such as `; charset=utf-8` are ignored)
 * @returns the extension without a dot, e.g. `png`, or `undefined` when unknown
 */
export function extensionFor(contentType: string): string | undefined {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  for (const [ext, type] of Object.entries(TYPES)) if (type === bare) return ext;
  return undefined;
}
