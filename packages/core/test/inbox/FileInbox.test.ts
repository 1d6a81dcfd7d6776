import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@delegram/api';
import type { Update } from '@delegram/api';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxCorruptError, InboxWriteError } from '../../src/inbox/errors.js';
import { FileInbox } from '../../src/inbox/FileInbox.js';
import { decodeRecord, encodeRecord } from '../../src/inbox/journalRecord.js';
import { inRealTime } from '../support/inboxKit.js';
import { turns } from '../support/loopKit.js';

// FileInbox on real files in a temporary directory: durability across reopen (what a crash
// leaves is what was written), group commit, compaction, damage, and option errors. The disk
// full case is in FileInbox.diskFull.test.ts.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delegram-inbox-'));
  dirs.push(dir);
  return join(dir, 'bot.inbox');
}

const update = (id: number, text = `m${id}`): Update => ({
  update_id: id,
  message: {
    message_id: id,
    date: 0,
    chat: { id: 7, type: 'private', first_name: 'A' },
    text,
  },
});

const ids = (updates: readonly Update[]): number[] => updates.map((u) => u.update_id);

describe('FileInbox', () => {
  it('gives back exactly the updates not marked done, in id order, after a reopen', async () => {
    const path = tempPath();
    const inbox = new FileInbox(path);
    expect(await inbox.open()).toEqual({ unfinished: [], highestId: undefined, problems: [] });
    await inbox.append([update(10), update(11), update(12)]);
    await inbox.append([update(13)]);
    inbox.done(11);
    inbox.done(13);
    await inbox.close();
    const again = new FileInbox(path);
    const recovery = await again.open();
    expect(ids(recovery.unfinished)).toEqual([10, 12]);
    expect(recovery.unfinished[0]).toEqual(update(10)); // the update itself, not a summary
    expect(recovery.highestId).toBe(13);
    expect(recovery.problems).toEqual([]);
    await again.close();
  });

  it('keeps what a killed process wrote: appends are on disk once append() resolved', async () => {
    const path = tempPath();
    const inbox = new FileInbox(path);
    await inbox.open();
    await inbox.append([update(1), update(2)]);
    // No close(): a second reader sees the file as a crash would leave it.
    const reader = new FileInbox(path);
    expect(ids((await reader.open()).unfinished)).toEqual([1, 2]);
    await reader.close();
    await inbox.close();
  });

  it('writes the appends and done marks of one tick in one write with one sync', async () => {
    const inbox = new FileInbox(tempPath());
    await inbox.open();
    const all = Array.from({ length: 50 }, (_, i) => inbox.append([update(100 + i)]));
    await Promise.all(all);
    expect(inbox.stats).toMatchObject({ appended: 50, writes: 1, syncs: 1 });
    for (let i = 0; i < 50; i++) inbox.done(100 + i);
    await inbox.close();
    expect(inbox.stats).toMatchObject({ done: 50, writes: 2, syncs: 1 }); // done marks: no sync
  });

  it('writes done marks with the next batch of updates, or on their own after doneFlushMs', async () => {
    const clock = new ManualClock();
    const path = tempPath();
    const inbox = new FileInbox(path, { clock, doneFlushMs: 500 });
    await inbox.open();
    await inbox.append([update(1), update(2), update(3)]);
    inbox.done(1);
    await turns(5);
    expect(inbox.stats.writes).toBe(1); // the mark waits
    await inbox.append([update(4)]);
    expect(inbox.stats.writes).toBe(2); // and goes out with the next batch
    inbox.done(2);
    await clock.advance(499);
    await turns(5);
    expect(inbox.stats.writes).toBe(2);
    await clock.advance(1);
    await inRealTime(() => inbox.stats.writes === 3, 'the write of the done mark'); // real I/O
    expect(inbox.stats.writes).toBe(3); // on its own, after the delay
    const reader = new FileInbox(path);
    expect(ids((await reader.open()).unfinished)).toEqual([3, 4]);
    await reader.close();
    await inbox.close();
  });

  it("with sync: 'os' writes without fdatasync", async () => {
    const inbox = new FileInbox(tempPath(), { sync: 'os' });
    await inbox.open();
    await inbox.append([update(1)]);
    expect(inbox.stats).toMatchObject({ writes: 1, syncs: 0 });
    await inbox.close();
  });

  it('compacts past compactBytes, keeping the unfinished updates and the highest id', async () => {
    const path = tempPath();
    const inbox = new FileInbox(path, { compactBytes: 4096 });
    await inbox.open();
    for (let i = 1; i <= 200; i++) {
      await inbox.append([update(i, 'x'.repeat(40))]);
      if (i % 50 !== 0) inbox.done(i); // 50, 100, 150, 200 stay unfinished
    }
    await inbox.close();
    expect(inbox.stats.compactions).toBeGreaterThan(0);
    expect(readFileSync(path).length).toBeLessThan(4096 + 1024);
    const again = new FileInbox(path);
    const recovery = await again.open();
    expect(ids(recovery.unfinished)).toEqual([50, 100, 150, 200]);
    expect(recovery.highestId).toBe(200);
    await again.close();
    // Everything done: the reopened journal still knows the highest id (so a loop does not take
    // an update it handled as new when Telegram had not heard the confirmation yet).
    const last = new FileInbox(path);
    await last.open();
    for (const id of [50, 100, 150, 200]) last.done(id);
    await last.close();
    const empty = new FileInbox(path);
    expect(await empty.open()).toEqual({ unfinished: [], highestId: 200, problems: [] });
    await empty.close();
  });

  it('reports a torn last record (a crash mid-write), saves its bytes, and keeps the rest', async () => {
    const path = tempPath();
    const inbox = new FileInbox(path);
    await inbox.open();
    await inbox.append([update(1), update(2)]);
    await inbox.close();
    const torn = encodeRecord('u', JSON.stringify(update(3))).slice(0, 30); // no end of line
    appendFileSync(path, torn);
    const again = new FileInbox(path);
    const recovery = await again.open();
    expect(ids(recovery.unfinished)).toEqual([1, 2]);
    expect(recovery.highestId).toBe(2);
    expect(recovery.problems).toHaveLength(1);
    const problem = recovery.problems[0]!;
    expect(problem).toBeInstanceOf(InboxCorruptError);
    expect(problem).toMatchObject({
      path,
      tail: true,
      bytes: 30,
      reason: 'cut off (no end of line)',
    });
    expect(readFileSync(problem.savedTo, 'utf8')).toBe(torn);
    await again.close();
    // Repaired: the next open finds no damage, and appending goes on after the good records.
    const third = new FileInbox(path);
    expect((await third.open()).problems).toEqual([]);
    await third.append([update(3)]);
    await third.close();
    const fourth = new FileInbox(path);
    expect(ids((await fourth.open()).unfinished)).toEqual([1, 2, 3]);
    await fourth.close();
  });

  it('reports damage before the tail as such (an update may be missing), never silently', async () => {
    const path = tempPath();
    const inbox = new FileInbox(path);
    await inbox.open();
    await inbox.append([update(1), update(2), update(3)]);
    await inbox.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"update_id":2'));
    lines[index] = lines[index]!.replace('m2', 'M2'); // one flipped character
    writeFileSync(path, lines.join('\n'));
    const again = new FileInbox(path);
    const recovery = await again.open();
    expect(ids(recovery.unfinished)).toEqual([1, 3]);
    expect(recovery.problems).toMatchObject([{ tail: false, reason: 'checksum mismatch' }]);
    expect(recovery.problems[0]!.message).toMatch(/damaged record at byte \d+.*may be missing/);
    expect(readFileSync(recovery.problems[0]!.savedTo, 'utf8')).toContain('M2');
    await again.close();
    // A second damage gets its own file; the first one is kept.
    appendFileSync(path, 'garbage\n');
    const third = new FileInbox(path);
    const next = await third.open();
    expect(next.problems[0]!.savedTo).not.toBe(recovery.problems[0]!.savedTo);
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('.damaged-'))).toHaveLength(2);
    await third.close();
  });

  it('refuses a journal of a newer format instead of rewriting it', async () => {
    const path = tempPath();
    writeFileSync(path, encodeRecord('v', '2'));
    const inbox = new FileInbox(path);
    const error = await inbox.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InboxWriteError);
    expect((error as InboxWriteError).operation).toBe('open');
    expect(readFileSync(path, 'utf8')).toBe(encodeRecord('v', '2'));
  });

  it('rejects appends before open and after close with a clear error; ignores late done marks', async () => {
    const inbox = new FileInbox(tempPath());
    await expect(inbox.append([update(1)])).rejects.toThrow(/call open\(\) before append/);
    await inbox.open();
    await expect(inbox.open()).rejects.toThrow(/already open/);
    await inbox.close();
    await expect(inbox.append([update(1)])).rejects.toBeInstanceOf(InboxWriteError);
    expect(() => inbox.done(1)).not.toThrow();
  });

  it('checks its options', () => {
    expect(() => new FileInbox('')).toThrow(TypeError);
    expect(() => new FileInbox('x', { sync: 'always' as 'os' })).toThrow(/sync/);
    expect(() => new FileInbox('x', { compactByte: 1 } as never)).toThrow(/compactBytes/);
    expect(() => new FileInbox('x', { compactBytes: 0 })).toThrow(RangeError);
    expect(() => new FileInbox('x', { doneFlushMs: -1 })).toThrow(RangeError);
  });
});

describe('journal records', () => {
  it('round-trip and detect any changed character', () => {
    const line = encodeRecord('u', JSON.stringify(update(5, 'héllo 👋 "quoted"\n')));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const record = decodeRecord(line.slice(0, -1));
    expect(record).toMatchObject({ kind: 'u', id: 5 });
    for (let i = 0; i < line.length - 1; i += 7) {
      const changed = line.slice(0, i) + (line[i] === 'a' ? 'b' : 'a') + line.slice(i + 1, -1);
      expect(decodeRecord(changed)).toHaveProperty('damaged');
    }
    expect(decodeRecord(encodeRecord('d', '1,2,3').slice(0, -1))).toEqual({
      kind: 'd',
      ids: [1, 2, 3],
    });
  });
});
