import type { Clock } from '@delegram/api';
import type { BotAccount } from '../world/BotAccount.js';
import type { World } from '../world/World.js';

/**
 * A file uploaded in a `multipart/form-data` request (or a multipart webhook reply).
 *
 * Uploads are keyed by their part name: a top-level `InputFile` parameter such as `photo` arrives
 * as the upload named `photo`; `attach://<name>` references inside JSON parameters point at the
 * upload named `<name>`.
 */
export interface UploadedFile {
  /** The multipart part name. */
  field: string;
  /** The file name the client gave (may be empty). */
  filename: string;
  /** The part's content type (`application/octet-stream` when the client gave none). */
  contentType: string;
  /** The bytes. */
  data: Buffer;
}

/**
 * Everything a Bot API method implementation gets for one call.
 *
 * The server builds it after routing, token check and parameter validation: `params` holds the
 * decoded values (JSON-encoded objects and arrays parsed, numbers and booleans coerced as the spec
 * types say, unknown parameters passed through unchanged). Uploads are not in `params`; look them
 * up in `files` by parameter name.
 */
export interface MethodContext {
  /** The canonical spec name of the method, e.g. `sendMessage` (whatever case the bot used). */
  readonly method: string;
  /** The world's record of the calling bot. */
  readonly bot: BotAccount;
  /** Decoded and validated parameters. */
  readonly params: Record<string, unknown>;
  /** Multipart uploads by part name. */
  readonly files: ReadonlyMap<string, UploadedFile>;
  /** The emulated world. */
  readonly world: World;
  /** The emulator's clock (every timer and timestamp goes through it). */
  readonly clock: Clock;
  /** Aborted when the client disconnects (a waiting long poll then ends early). */
  readonly signal: AbortSignal;
  /**
   * Runs another Bot API method as the same bot, through the same validation, flood control and
   * registry as an HTTP request (used to execute a method returned in a webhook reply).
   */
  readonly call: (
    method: string,
    params: Record<string, unknown>,
    files?: ReadonlyMap<string, UploadedFile>,
  ) => Promise<unknown>;
}

/**
 * The implementation of one Bot API method: returns the `result` (or a promise of it), or throws
 * an `ApiError` for an error answer.
 */
export type MethodImpl = (ctx: MethodContext) => unknown;
