/**
 * Files that are either the old version or the new one, never half-written: the new content
 * goes to a temporary file beside the target (same directory, so the same file system), is
 * flushed, then renamed over the target (atomic on POSIX file systems).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Temporary names start with this; a reader of a directory skips them. */
export const TEMP_PREFIX = '.stateline-tmp-';

export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
}

export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const tmp = tempPathFor(file);
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
