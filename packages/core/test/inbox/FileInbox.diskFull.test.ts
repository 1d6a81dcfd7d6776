import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Update } from '@delegram/api';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxWriteError } from '../../src/inbox/errors.js';
import { FileInbox } from '../../src/inbox/FileInbox.js';
import { mountSmallDisk } from '../support/smallDisk.js';
import type { SmallDisk } from '../support/smallDisk.js';

// A FileInbox on a real tmpfs of 256 KiB that is filled up: ENOSPC must come back as a typed
// error, leave no partial record behind, and the journal must work again once there is room.

let disk: SmallDisk | undefined;
afterEach(() => {
  disk?.unmount();
  disk = undefined;
});

const update = (id: number, size: number): Update => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 1, type: 'private' }, text: 'x'.repeat(size) },
});

describe('FileInbox on a full disk', () => {
  it('rejects the append with InboxWriteError ENOSPC, cuts the partial write off, and recovers', async () => {
    disk = mountSmallDisk(256 * 1024);
    const path = join(disk.dir, 'bot.inbox');
    const inbox = new FileInbox(path);
    await inbox.open();
    await inbox.append([update(1, 100)]);
    inbox.done(1);
    await inbox.append([update(2, 100)]);
    const before = statSync(path).size;
    disk.fill(4096);
    const error = await inbox.append([update(3, 64 * 1024)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InboxWriteError);
    expect(error).toMatchObject({ code: 'ENOSPC', operation: 'write', path });
    expect((error as Error).message).toMatch(/the disk is full.*not confirmed/);
    expect(statSync(path).size).toBe(before); // no torn record left in the middle
    disk.free();
    await inbox.append([update(4, 100)]);
    await inbox.close();
    const again = new FileInbox(path);
    const recovery = await again.open();
    expect(recovery.unfinished.map((u) => u.update_id)).toEqual([2, 4]); // 3 was never written
    expect(recovery.problems).toEqual([]);
    expect(readFileSync(path, 'utf8')).not.toContain('"update_id":3');
    await again.close();
  });
});
