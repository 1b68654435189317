// The data folder holds the database (orders, accounts), the host's token and TLS key: only its owner may enter it.
import { mkdirSync, statSync } from 'node:fs';
import { AppError } from '../../src-shared/errors';
import { consoleLogger, type StorageLogger } from './logger';

/** Owner only: read, write, enter. */
export const DATA_FOLDER_MODE = 0o700;

/**
 * Creates `folder` (and missing parents) readable by its owner only. An existing folder is left as it is — the user
 * may have opened it up on purpose — but one that other users can read is reported.
 */
export function ensureDataFolder(folder: string, logger: StorageLogger = consoleLogger, platform: NodeJS.Platform = process.platform): void {
  try {
    mkdirSync(folder, { recursive: true, mode: DATA_FOLDER_MODE });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('INTERNAL', `cannot create the data folder ${folder}: ${detail}`, false, { cause: error });
  }
  // Windows has no such permission bits: its folders under the user's profile are private already.
  if (platform === 'win32') return;
  const mode = statSync(folder).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn(
      `the data folder ${folder} can be read by other users (mode ${mode.toString(8).padStart(3, '0')}); ` +
        `\`chmod 700 '${folder}'\` makes it private`,
    );
  }
}
