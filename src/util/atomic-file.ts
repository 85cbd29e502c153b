import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `text` to `<dir>/<name>` atomically and durably: a temp file is written and fsynced,
 * renamed over the old one, and the directory is fsynced so the rename survives a power cut.
 * A reader sees the old content or the new one, never a mix. Throws (after removing the temp file)
 * when any step fails; the caller decides whether and when to retry.
 */
export async function writeFileAtomic(dir: string, name: string, text: string): Promise<void> {
  const path = join(dir, name);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** fsync the directory so the rename itself is durable (not supported everywhere: best effort). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on some platforms and filesystems: the rename is still atomic.
  } finally {
    await fh?.close();
  }
}
