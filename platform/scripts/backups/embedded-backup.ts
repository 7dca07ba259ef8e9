import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DATA_DIR_LOCK_FILE, lockDataDir } from '../../src/core/data-dir-lock.ts';
import { OperationError } from './operation-error.ts';

export const hasEmbeddedDatabase = (dataDir: string): boolean => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

const isEmptyDir = (dir: string): boolean => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/** Writes `file` atomically: readers never see half a backup. */
function writeAtomically(file: string, content: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}

/**
 * A gzip-compressed tar of the data directory (PGlite's own dumpDataDir). The data directory must not
 * be in use: PGlite has no second connection, so a running server would have to be stopped first;
 * the lock file makes that a clear refusal instead of a corrupt copy.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!hasEmbeddedDatabase(dataDir)) throw new OperationError(`There is no embedded database in ${dataDir}.`);
  const release = lockDataDir(dataDir);
  try {
    const pglite = new PGlite({ dataDir });
    try {
      await pglite.waitReady;
      // Everything is on disk before the files are read.
      await pglite.exec('CHECKPOINT');
      const archive = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      writeAtomically(file, archive);
      return { bytes: archive.length };
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores an embedded backup into `dataDir`: it is first unpacked and opened in a new folder beside
 * it, which then takes the data directory's place, so a failed restore leaves the data directory as
 * it was. A non-empty data directory is replaced only with `force`, and never while in use.
 */
export async function restoreEmbedded(file: string, dataDir: string, options: { force: boolean }): Promise<void> {
  const target = path.resolve(dataDir);
  const replacing = !isEmptyDir(target);
  if (replacing && !options.force) throw new OperationError(`${target} is not empty. Restore into an empty or new folder, or pass --force to replace the database in it.`);
  const release = replacing ? lockDataDir(target) : () => {};
  const suffix = randomBytes(4).toString('hex');
  const unpacked = `${target}.restoring-${suffix}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    const pglite = new PGlite({ dataDir: unpacked, loadDataDir: new Blob([fs.readFileSync(file)]) });
    try {
      await pglite.waitReady;
      await pglite.query('SELECT count(*) FROM pg_class');
    } finally {
      await pglite.close();
    }
    // The archive holds the lock file of the process that made it.
    fs.rmSync(path.join(unpacked, DATA_DIR_LOCK_FILE), { force: true });
    if (replacing) {
      const previous = `${target}.replaced-${suffix}`;
      fs.renameSync(target, previous);
      fs.renameSync(unpacked, target);
      fs.rmSync(previous, { recursive: true, force: true });
    } else {
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(unpacked, target);
    }
  } catch (err) {
    fs.rmSync(unpacked, { recursive: true, force: true });
    if (err instanceof OperationError) throw err;
    throw new OperationError(`The embedded backup ${file} could not be restored: ${(err as Error).message}`);
  } finally {
    release();
  }
}
