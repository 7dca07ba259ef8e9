import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK_FILE, DataDirInUseError, dataDirHolder, lockDataDir } from '../../../platform/src/core/data-dir-lock.ts';

const dirs: string[] = [];
const newDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has already ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('lockDataDir', () => {
  it('writes this process id and removes it on release', () => {
    const dir = newDir();
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(dataDirHolder(dir)).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, DATA_DIR_LOCK_FILE))).toBe(false);
    expect(dataDirHolder(dir)).toBeNull();
  });

  it('refuses a directory held by a live process, naming it, and leaves its lock alone', () => {
    const dir = newDir();
    const release = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid}`);
      expect(dataDirHolder(dir)).toBe(process.pid);
    } finally {
      release();
    }
  });

  it('takes over the lock of a process that died', () => {
    const dir = newDir();
    fs.writeFileSync(path.join(dir, DATA_DIR_LOCK_FILE), `${deadPid()}\n`);
    expect(dataDirHolder(dir)).toBeNull();
    const release = lockDataDir(dir);
    expect(dataDirHolder(dir)).toBe(process.pid);
    release();
  });
});
