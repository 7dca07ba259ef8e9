import { baseCompile } from '@intlify/message-compiler';
import { describe, expect, it } from 'vitest';
import common from '../../../ui/src/i18n/messages/common.ts';
import shell from '../../../ui/src/i18n/messages/shell.ts';
import records from '../../../ui/src/i18n/messages/records.ts';
import workflow from '../../../ui/src/i18n/messages/workflow.ts';
import admin from '../../../ui/src/i18n/messages/admin.ts';
import listViews from '../../../ui/src/i18n/messages/list-views.ts';
import calendars from '../../../ui/src/i18n/messages/calendars.ts';

type Tree = { [key: string]: string | Tree };
const areas = { common, shell, records, workflow, admin, listViews, calendars } as unknown as Record<string, { en: Tree; 'zh-CN': Tree }>;

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}

describe('the web application\'s messages', () => {
  for (const [area, messages] of Object.entries(areas)) {
    it(`${area}: both languages have the same keys, and no message is empty or left untranslated`, () => {
      const en = leaves(messages.en);
      const zh = new Map(leaves(messages['zh-CN']));
      expect([...zh.keys()].sort()).toEqual(en.map(([key]) => key).sort());
      for (const [key, text] of en) {
        expect(text.trim(), key).not.toBe('');
        expect(zh.get(key)!.trim(), key).not.toBe('');
      }
      // Chinese texts are written in Chinese (codes, formats and examples aside).
      const chinese = [...zh.values()].filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
      expect(chinese / zh.size).toBeGreaterThan(0.8);
    });

    it(`${area}: every message compiles (no stray braces, @ or | that vue-i18n would misread)`, () => {
      for (const language of ['en', 'zh-CN'] as const) {
        for (const [key, text] of leaves(messages[language])) {
          const problems: string[] = [];
          baseCompile(text, { onError: (error) => problems.push(error.message) });
          expect(problems, `${language} ${key}: ${text}`).toEqual([]);
          expect(text, `${language} ${key} has a linked-message @`).not.toMatch(/@(?!'\})/);
        }
      }
    });
  }
});
