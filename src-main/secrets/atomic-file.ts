// Replaces a file so that a crash at any moment leaves either the old content or the new one, never a mix: the new
// bytes go to a temporary file in the same folder (so the rename stays on one file system), reach the disk (fsync),
// replace the old file in one rename, and the folder's entry is flushed too (fsync of the folder), without which a
// power cut can bring back the old name after the rename returned.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempPrefix = (path: string): string => `.${basename(path)}.`;

export async function writeFileAtomically(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `${tempPrefix(path)}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': never follows or reuses a file someone placed there; the mode is set at creation, before any byte is written.
  const file = await open(temp, 'wx', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await file.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Removes temporary files a crash left behind (they hold nothing the real file does not). */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const prefix = tempPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names.filter((name) => name.startsWith(prefix) && name.endsWith('.tmp')).map((name) => unlink(join(dirname(path), name)).catch(() => undefined)),
  );
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
