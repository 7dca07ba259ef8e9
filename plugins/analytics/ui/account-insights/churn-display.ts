// How the account panel reads the churn fields the analytics pack writes back.
import type { AnalysisDefinition } from '../../generated/analysis.ts';

export type ChurnLevel = 'high' | 'medium' | 'low';

/**
 * A churn probability's level: high from 50 % (where the shipped churn model predicts "lost"),
 * medium from 25 %, low below.
 */
export function churnLevel(probability: number): ChurnLevel {
  if (probability >= 0.5) return 'high';
  return probability >= 0.25 ? 'medium' : 'low';
}

/**
 * The rule in the reader's language. The classifier writes it back as its English line, a newline,
 * then its Chinese line (one text field holds both); a text without the second line is shown whole.
 */
export function ruleInLanguage(stored: string, language: string): string {
  const lines = stored.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length < 2) return stored.trim();
  return language === 'zh-CN' ? lines[1] : lines[0];
}

/**
 * The target field of a classifier that writes its probability to `probabilityField` of `object`, when
 * the record already has the outcome the classifier predicts (a lost account): its probability is then
 * no forecast, and the panel says the outcome instead. Null when no such classifier knows the outcome.
 */
export function knownOutcome(definitions: readonly AnalysisDefinition[], object: string, probabilityField: string, record: Readonly<Record<string, unknown>>): string | null {
  for (const d of definitions) {
    if (d.kind !== 'classifier' || d.source.object !== object || d.writeBack?.probability !== probabilityField || !d.target) continue;
    const value = record[d.target];
    if (value !== undefined && value !== null && String(value) === String(d.positive ?? true)) return d.target;
  }
  return null;
}
