import { describe, expect, it } from 'vitest';
import { kindLabel } from '../../../platform/src/core/messages/kind-labels.ts';

describe('kindLabel', () => {
  it("names the platform's kinds in both languages", () => {
    expect(kindLabel('workflow')).toEqual({ en: 'workflow', 'zh-CN': '工作流' });
  });

  it('names a pack kind by the label it was registered with, and by its name without one', () => {
    expect(kindLabel({ kind: 'analysis', label: { en: 'analysis', 'zh-CN': '分析' } })).toEqual({ en: 'analysis', 'zh-CN': '分析' });
    expect(kindLabel({ kind: 'checklist' })).toEqual({ en: 'checklist', 'zh-CN': 'checklist' });
    expect(kindLabel('report')).toEqual({ en: 'report', 'zh-CN': 'report' });
  });
});
