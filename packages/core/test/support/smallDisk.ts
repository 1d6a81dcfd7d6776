import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real, small file system (tmpfs) to fill up: writes past its size fail with ENOSPC. */
export interface SmallDisk {
  /** Where it is mounted. */
  readonly dir: string;
  /** Fills it up but for about `leaveBytes`, with a file `fill()` removes again. */
  fill(leaveBytes: number): void;
  /** Removes the filler file. */
  free(): void;
  /** Unmounts it and removes the mount point. */
  unmount(): void;
}

/**
 * Mounts a tmpfs of `bytes` (the tests run as root, as on CI; `mount` is util-linux).
 *
 * @param bytes - its size
 * @returns the mounted disk
 */
export function mountSmallDisk(bytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'delegram-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `the disk-full tests mount a small tmpfs and need root (CAP_SYS_ADMIN): ${String(error)}`,
      { cause: error },
    );
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(leaveBytes) {
      // tmpfs counts whole pages: fill page by page until the next page would not fit.
      const page = Buffer.alloc(4096, 0x61);
      writeFileSync(filler, '');
      let written = 0;
      while (written + leaveBytes + page.length <= bytes) {
        try {
          writeFileSync(filler, page, { flag: 'a' });
        } catch {
          break;
        }
        written += page.length;
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      // Lazily: a file a failed test left open must not keep the mount (and fail the next test).
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
