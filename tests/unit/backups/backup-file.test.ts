import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { backupFileName, backupPath, readBackupKind } from '../../../platform/scripts/backups/backup-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A one-member ustar archive, as PGlite's dumpDataDir starts (PG_VERSION first). */
function tarOf(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write(content.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  const body = Buffer.alloc(512);
  body.write(content, 0, 'latin1');
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}

const file = (name: string, content: Buffer | string) => {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
};

describe('backup files', () => {
  it('are named after their kind and the UTC moment', () => {
    const now = new Date('2026-12-05T07:15:00.123Z');
    expect(backupFileName('embedded', now)).toBe('tessera-embedded-20261205T071500Z.tar.gz');
    expect(backupFileName('postgres', now)).toBe('tessera-postgres-20261205T071500Z.dump');
    expect(path.dirname(backupPath('postgres', dir))).toBe(dir);
    expect(backupPath('postgres', path.join(dir, 'x.dump'))).toBe(path.join(dir, 'x.dump'));
  });

  it('are recognised by their contents, not their names', () => {
    expect(readBackupKind(file('a.tar.gz', Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(100)])))).toBe('postgres');
    expect(readBackupKind(file('b.dump', zlib.gzipSync(tarOf('/PG_VERSION', '18\n'))))).toBe('embedded');
  });

  it('refuses other gzip archives, other files and missing files', () => {
    expect(() => readBackupKind(file('c.tar.gz', zlib.gzipSync(tarOf('notes.txt', 'hello'))))).toThrow('is not a Tessera backup');
    expect(() => readBackupKind(file('d.dump', 'SELECT 1;'))).toThrow('is not a Tessera backup');
    expect(() => readBackupKind(path.join(dir, 'missing.dump'))).toThrow('Cannot read the backup file');
  });
});
