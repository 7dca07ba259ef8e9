import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../platform/src/core/messages/catalogue.ts';
import { answerLanguage, languageFromHeader } from '../../../platform/src/core/messages/language.ts';
import { msg, renderMessage } from '../../../platform/src/core/messages/message.ts';
import { createError, detailText, statusOf, type ErrorCode } from '../../../platform/src/core/errors.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every status of statusOf's exhaustive switch, by code: keeps this list complete at compile time.
const CODES: Record<ErrorCode, true> = {
  BAD_REQUEST: true, INVALID_FILTER: true, UNAUTHENTICATED: true, FORBIDDEN: true, NOT_FOUND: true, CONFLICT: true, STALE_VERSION: true,
  DUPLICATE: true, UNIQUE_VIOLATION: true, LOSSY_CHANGE: true, VALIDATION_FAILED: true, LOCKED: true, RATE_LIMITED: true, PAYLOAD_TOO_LARGE: true, INTERNAL: true,
};

describe('the message catalogue (issue 12 item 18)', () => {
  it('has every message in English and Chinese with the same placeholders', () => {
    const entries = Object.entries(catalogue) as [string, { en: string; 'zh-CN': string }][];
    expect(entries.length).toBeGreaterThan(400);
    for (const [id, template] of entries) {
      expect(Object.keys(template).sort(), id).toEqual(['en', 'zh-CN']);
      expect(template.en.trim(), id).not.toBe('');
      expect(template['zh-CN'].trim(), id).not.toBe('');
      expect(placeholders(template['zh-CN']), id).toEqual(placeholders(template.en));
    }
  });

  it('has a generic message for every error code in both languages', () => {
    for (const code of Object.keys(CODES) as ErrorCode[]) {
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      const template = (catalogue as Record<string, { en: string; 'zh-CN': string }>)[`error.${code}`];
      expect(template?.en, code).toBeTruthy();
      expect(template?.['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('renders labels in the rendering language and keeps an English message for logs', () => {
    const label = { en: 'Account', 'zh-CN': '客户' };
    const err = createError('NOT_FOUND', msg('http.noDefinition', { kind: label, name: 'x' }), [{ path: '/a', message: msg('http.mustBeJson') }]);
    expect(err.message).toBe("There is no Account named 'x'.");
    expect(err.text('zh-CN')).toBe('没有名为“x”的客户。');
    expect(err.details![0].message).toBe('must be JSON');
    expect(detailText({ ...err.details![0], path: '/b' }, 'zh-CN')).toBe('必须是 JSON');
    expect(renderMessage(msg('auth.rateLimited', { seconds: 60 }), 'zh-CN')).toContain('60');
  });

  it('takes the user setting first, then Accept-Language by quality, then English', () => {
    expect(answerLanguage('zh-CN', 'en')).toBe('zh-CN');
    expect(answerLanguage(null, 'zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(answerLanguage(null, 'fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(answerLanguage(undefined, 'en-GB,zh-CN;q=0.9')).toBe('en');
    expect(answerLanguage(null, 'fr')).toBe('en');
    expect(languageFromHeader(undefined)).toBeUndefined();
  });
});
