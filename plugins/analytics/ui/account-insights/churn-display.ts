// How the account panel reads the churn fields the analytics pack writes back.

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
