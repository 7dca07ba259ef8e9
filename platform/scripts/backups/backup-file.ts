import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { OperationError } from './operation-error.ts';

/** 'embedded': a gzip-compressed tar of a PGlite data directory; 'postgres': a pg_dump custom-format archive. */
export type BackupKind = 'embedded' | 'postgres';

const PG_DUMP_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const HEAD_BYTES = 64 * 1024;

/** The default file name: it names the kind and the moment (UTC), e.g. tessera-embedded-20261205T071500Z.tar.gz. */
export function backupFileName(kind: BackupKind, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `tessera-${kind}-${stamp}.${kind === 'embedded' ? 'tar.gz' : 'dump'}`;
}

/** Where a backup goes: the default name in the current folder, in a folder given, or the file given. */
export function backupPath(kind: BackupKind, out: string | undefined): string {
  if (!out) return path.resolve(backupFileName(kind));
  const resolved = path.resolve(out);
  return fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? path.join(resolved, backupFileName(kind)) : resolved;
}

/** The kind of a backup file, read from its contents (not its name); anything else is refused. */
export function readBackupKind(file: string): BackupKind {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(HEAD_BYTES);
      head = head.subarray(0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw new OperationError(`Cannot read the backup file ${file}.`);
  }
  if (head.subarray(0, PG_DUMP_MAGIC.length).equals(PG_DUMP_MAGIC)) return 'postgres';
  if (head.subarray(0, 2).equals(GZIP_MAGIC) && isDataDirTar(head)) return 'embedded';
  throw new OperationError(`${file} is not a Tessera backup (neither an embedded database archive nor a pg_dump custom-format file).`);
}

/** A PGlite data directory archive starts with the data directory's PG_VERSION file (a ustar header). */
function isDataDirTar(gzipHead: Buffer): boolean {
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(gzipHead, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    return false;
  }
  if (tar.length < 512 || tar.subarray(257, 262).toString('latin1') !== 'ustar') return false;
  const firstName = tar.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
  return firstName.replace(/^\.?\//, '') === 'PG_VERSION';
}
