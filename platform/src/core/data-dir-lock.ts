import fs from 'node:fs';
import path from 'node:path';

/** The file in an embedded data directory that names the process using it. */
export const DATA_DIR_LOCK_FILE = 'tessera.pid';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data directory ${dataDir} is in use by process ${pid}. Stop that server (or wait for the backup or move to finish) first.`);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process holding the data directory, or null when it is free (no lock file, or one left by a process that died). */
export function dataDirHolder(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/**
 * Claims an embedded data directory for this process. PGlite is one process's database: a second
 * process writing the same files (another server, a backup) would corrupt them, and PGlite itself
 * does not refuse. A lock file left by a process that died (a crash, SIGKILL) is taken over.
 * Returns the release function; the lock is also released when the process exits.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = dataDirHolder(dataDir);
      if (holder !== null) throw new DataDirInUseError(dataDir, holder);
      fs.rmSync(file, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return release;
}
