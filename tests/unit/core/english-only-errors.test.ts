import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { englishOnlyErrors, englishOnlyErrorsIn, guardedFiles } from './english-only-errors.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('errors in the caller language (issue 12 item 18)', () => {
  it('finds literal error texts: messages, detail messages, detail() and pack errors, naming file:line', () => {
    const src = [
      "throw createError('NOT_FOUND', 'There is no such thing.');",
      'throw createError(',
      "  'CONFLICT',",
      '  `Taken by ${who}.`,',
      "  [{ path: '/a', message: msg('x.y') }, { path: '/b', message: \"is taken\" }],",
      ');',
      "details.push(detail('/c', `must be ${max} or less`));",
      "throw pluginError('BAD_REQUEST', { en: 'Bad.', 'zh-CN': '错误。' }, [{ path: '', message: 'must be an object' }]);",
      "throw createError('FORBIDDEN', msg('record.notPermitted', { operation, object }), [{ path: '/x', message: msg('value.notWritable') }]);",
      "const text = 'createError(\\'CONFLICT\\', \\'not code\\')'; // createError('X', 'in a comment')",
    ].join('\n');
    expect(englishOnlyErrors(src, 'f.ts').map((f) => f.at)).toEqual(['f.ts:1', 'f.ts:4', 'f.ts:5', 'f.ts:7', 'f.ts:8']);
  });

  it('reads the platform and every pack', () => {
    const files = guardedFiles(ROOT).map((f) => f.slice(ROOT.length));
    expect(files).toEqual(expect.arrayContaining(['platform/src/http/error-middleware.ts', 'plugins/crm/index.ts', 'plugins/reporting/src/run-report.ts']));
  });

  it('has no error whose message is English-only text: every one comes from the message catalogue or a pack text in both languages', () => {
    const found = englishOnlyErrorsIn(ROOT);
    expect(found.map((f) => `${f.at}: ${f.text}`), 'use msg(...) from platform/src/core/messages (packs: { en, zh-CN })').toEqual([]);
  });
});
