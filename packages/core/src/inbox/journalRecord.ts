import * as zlib from 'node:zlib';

/**
 * The record kinds of an inbox journal, one record per line: `<crc32, 8 hex digits><kind><body>`,
 * the checksum taken over kind and body.
 *
 * - `v`: the format version (`1`), the first record of every file;
 * - `u`: an update received, its JSON as body;
 * - `d`: updates done, their ids separated by commas;
 * - `h`: the highest update id appended so far (written when the journal is compacted).
 */
export type RecordKind = 'v' | 'u' | 'd' | 'h';

/** One record read back from a journal. */
export type JournalRecord =
  | { readonly kind: 'v'; readonly version: number }
  | { readonly kind: 'u'; readonly id: number; readonly json: string }
  | { readonly kind: 'd'; readonly ids: readonly number[] }
  | { readonly kind: 'h'; readonly id: number };

/** The journal format this code writes and reads. */
export const JOURNAL_VERSION = 1;

const crc32: (data: string) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data) => (zlib as unknown as { crc32(d: string): number }).crc32(data)
    : tableCrc32;

/**
 * Encodes one record as a journal line (with its newline).
 *
 * @param kind - the record kind
 * @param body - its body (JSON for `u`: JSON text never holds a raw newline)
 * @returns the line
 */
export function encodeRecord(kind: RecordKind, body: string): string {
  const payload = kind + body;
  return crc32(payload).toString(16).padStart(8, '0') + payload + '\n';
}

/**
 * Decodes one journal line (without its newline).
 *
 * @param line - the line
 * @returns the record, or the reason it is damaged
 */
export function decodeRecord(line: string): JournalRecord | { readonly damaged: string } {
  if (line.length < 9) return { damaged: 'too short for a record' };
  const sum = Number.parseInt(line.slice(0, 8), 16);
  const payload = line.slice(8);
  if (!/^[0-9a-f]{8}$/.test(line.slice(0, 8)) || crc32(payload) !== sum) {
    return { damaged: 'checksum mismatch' };
  }
  const kind = payload[0];
  const body = payload.slice(1);
  switch (kind) {
    case 'v':
      return { kind, version: Number(body) };
    case 'h': {
      const id = Number(body);
      return Number.isSafeInteger(id) ? { kind, id } : { damaged: 'bad highest id' };
    }
    case 'd': {
      const ids = body.split(',').map(Number);
      return ids.every(Number.isSafeInteger) ? { kind, ids } : { damaged: 'bad done ids' };
    }
    case 'u': {
      let id: unknown;
      try {
        id = (JSON.parse(body) as { update_id?: unknown }).update_id;
      } catch {
        return { damaged: 'update is not JSON' };
      }
      return typeof id === 'number' && Number.isSafeInteger(id)
        ? { kind, id, json: body }
        : { damaged: 'update has no update_id' };
    }
    default:
      return { damaged: `unknown record kind ${JSON.stringify(kind)}` };
  }
}

let table: Int32Array | undefined;

/** CRC-32 (IEEE) of a string's UTF-8 bytes, for Node versions without `zlib.crc32`. */
function tableCrc32(data: string): number {
  if (table === undefined) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (const byte of Buffer.from(data, 'utf8')) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
