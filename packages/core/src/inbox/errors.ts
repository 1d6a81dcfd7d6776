/**
 * Damage found in an inbox journal when it was opened: a record whose checksum or framing is
 * wrong. A torn last record (`tail: true`) is what a crash during a write leaves; that update
 * was not yet durable, so it was never confirmed and Telegram sends it again. Damage before the
 * tail means the file was changed or the disk failed: an update may be missing. Either way the
 * damaged bytes are copied to `savedTo` before the journal is repaired, never dropped silently.
 */
export class InboxCorruptError extends Error {
  /** Always `'InboxCorruptError'`. */
  override readonly name = 'InboxCorruptError';

  /**
   * @param path - the journal file
   * @param offset - the byte offset of the damaged record
   * @param bytes - its length in bytes
   * @param tail - whether it is the last record (a torn write)
   * @param savedTo - the file its bytes were copied to
   * @param reason - what is wrong with it
   */
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly bytes: number,
    readonly tail: boolean,
    readonly savedTo: string,
    readonly reason: string,
  ) {
    super(
      `inbox journal ${path}: ${tail ? 'torn last record' : 'damaged record'} at byte ${offset} ` +
        `(${bytes} bytes, ${reason}); its bytes were saved to ${savedTo}` +
        (tail
          ? ' (a write cut by a crash: that update was never confirmed, Telegram sends it again)'
          : ' (the file was altered or the disk failed: an update may be missing)'),
    );
  }
}

/**
 * An inbox journal could not be written or opened: disk full (`code` `'ENOSPC'`), no
 * permission, an I/O error. Updates whose append failed are not in the journal: the loop does
 * not confirm them (Telegram keeps them) and retries with back-off until the write succeeds.
 */
export class InboxWriteError extends Error {
  /** Always `'InboxWriteError'`. */
  override readonly name = 'InboxWriteError';

  /**
   * @param path - the journal file
   * @param operation - what failed: `'open'`, `'write'`, `'sync'`, `'compact'` or `'closed'`
   * @param code - the system error code (`'ENOSPC'`, `'EACCES'`, ...), or `undefined`
   * @param options - `cause`, the system error
   */
  constructor(
    readonly path: string,
    readonly operation: 'open' | 'write' | 'sync' | 'compact' | 'closed',
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      operation === 'closed'
        ? `inbox journal ${path} is closed`
        : `inbox journal ${path}: ${operation} failed` +
            (code === 'ENOSPC' ? ' (the disk is full)' : code === undefined ? '' : ` (${code})`) +
            '; updates not written are not confirmed to Telegram',
      options,
    );
  }
}
