import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../../../platform/scripts/generate-types.ts';

describe('generated TypeScript types', () => {
  it('match the JSON Schemas in metadata/schemas (run npm run generate:types when this fails)', async () => {
    const expected = await generatedTypes();
    expect(expected.size).toBeGreaterThan(0);
    for (const [file, ts] of expected) {
      expect(fs.existsSync(file), `${file} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), `${file} is stale`).toBe(ts);
    }
  });
});
