import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../../../platform/scripts/generate-types.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('generated TypeScript types', () => {
  it('match the JSON Schemas of the platform and of every pack (run npm run generate:types when this fails)', async () => {
    const expected = await generatedTypes();
    expect(expected.size).toBeGreaterThan(0);
    for (const [file, ts] of expected) {
      expect(fs.existsSync(file), `${file} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), `${file} is stale`).toBe(ts);
    }
  });

  it("cover every schema a pack folder owns, generated into the pack's generated/ folder", async () => {
    const files = [...(await generatedTypes()).keys()].map((file) => path.relative(root, file));
    const packSchemas = fs.readdirSync(path.join(root, 'plugins')).flatMap((pack) => {
      const dir = path.join(root, 'plugins', pack, 'schemas');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json')).map((f) => path.join('plugins', pack, 'generated', f.replace('.schema.json', '.ts'))) : [];
    });
    expect(packSchemas).toEqual(expect.arrayContaining([path.join('plugins', 'reporting', 'generated', 'report.ts'), path.join('plugins', 'reporting', 'generated', 'dashboard.ts')]));
    expect(files).toEqual(expect.arrayContaining(packSchemas));
    expect(files.filter((f) => f.startsWith('platform/src/generated/')).sort()).toEqual(['calendar', 'object', 'pack', 'role', 'workflow'].map((kind) => `platform/src/generated/${kind}.ts`));
  });
});
