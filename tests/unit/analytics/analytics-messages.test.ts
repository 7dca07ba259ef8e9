import { baseCompile } from '@intlify/message-compiler';
import { describe, expect, it } from 'vitest';
import { ANALYTICS_MESSAGES } from '../../../plugins/analytics/ui/messages.ts';

// The analytics pages' strings: the same keys in both languages, written in Chinese, and each one
// compiles as vue-i18n reads it (no stray braces, @ or |).

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));

describe('the analytics pages\' messages', () => {
  const en = leaves(ANALYTICS_MESSAGES.en as unknown as Tree);
  const zh = new Map(leaves(ANALYTICS_MESSAGES['zh-CN'] as unknown as Tree));

  it('have the same keys in both languages, none empty, the Chinese in Chinese', () => {
    expect([...zh.keys()].sort()).toEqual(en.map(([key]) => key).sort());
    for (const [key, text] of [...en, ...zh]) expect(text.trim(), key).not.toBe('');
    const chinese = [...zh.values()].filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
    expect(chinese / zh.size).toBeGreaterThan(0.9);
  });

  it('compile', () => {
    for (const [key, text] of [...en, ...zh]) {
      const problems: string[] = [];
      baseCompile(text, { onError: (error) => problems.push(error.message) });
      expect(problems, `${key}: ${text}`).toEqual([]);
      expect(text, key).not.toMatch(/[@|$]/);
    }
  });
});
