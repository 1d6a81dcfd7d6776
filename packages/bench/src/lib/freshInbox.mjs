// A FileInbox for a bench bot process: a fresh file in the temporary directory, removed again.
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileInbox } from 'delegram';

/**
 * A `FileInbox` on a fresh file of this process in the temporary directory, and `remove()`,
 * which deletes it and whatever the inbox put beside it (compaction's temporary file, damaged
 * records set aside). Call `remove()` once the loop or webhook has stopped (it closes the inbox).
 */
export function freshInbox() {
  const base = `delegram-bench-inbox-${process.pid}-${Date.now()}`;
  const path = join(tmpdir(), base);
  return {
    inbox: new FileInbox(path),
    remove() {
      for (const file of readdirSync(tmpdir())) {
        if (file.startsWith(base)) rmSync(join(tmpdir(), file), { force: true, recursive: true });
      }
    },
  };
}
