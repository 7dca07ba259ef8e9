import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../ui/scripts/first-screen-size.mjs', import.meta.url));
const assets = fileURLToPath(new URL('../../ui/dist/', import.meta.url));

describe('the first screen stays small (issue 5 item 10)', () => {
  it('loads at most 400 KB of gzip-compressed JavaScript before and right after logging in, without ECharts', () => {
    const size = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as { loginKB: number; homeKB: number; homeFiles: string[] };
    expect(size.loginKB).toBeGreaterThan(10);
    expect(size.loginKB).toBeLessThanOrEqual(400);
    expect(size.homeKB).toBeLessThanOrEqual(400);
    for (const file of size.homeFiles) {
      const code = readFileSync(`${assets}${file}`, 'utf8');
      // ECharts registers its renderers through these names; none may be in what the first screen loads.
      expect(code).not.toContain('registerPainter');
      // A production build: Vue's development warnings are not in it.
      expect(code).not.toContain('[Vue warn]');
    }
  });
});
