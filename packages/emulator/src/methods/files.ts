import type { File } from '@delegram/api';
import { badRequest } from '../ApiError.js';
import type { MethodContext } from './MethodContext.js';
import { Params } from './params.js';

/** Largest file a bot may download from the cloud Bot API (20 MB). */
export const MAX_DOWNLOAD = 20 * 1024 * 1024;

/**
 * `getFile`: a file's `file_path` for `/file/bot<token>/<file_path>` (files up to 20 MB). Only
 * this bot's own `file_id`s are known; another bot's id gets `invalid file_id`, like a made-up one.
 */
export function getFile(ctx: MethodContext): File {
  const fileId = new Params(ctx).reqStr('file_id');
  const file = ctx.world.files.forBot(fileId.trim(), ctx.bot.id);
  if (file === undefined) throw badRequest('invalid file_id');
  if (file.size > MAX_DOWNLOAD) throw badRequest('file is too big');
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    ...(file.size > 0 ? { file_size: file.size } : {}),
    file_path: file.path,
  };
}
