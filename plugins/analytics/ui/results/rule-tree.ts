// A classifier's rules drawn as a tree. A run keeps its tree as rules (one per leaf, each the
// conditions on the way from the root, merged per feature), so the tree is rebuilt from their
// sentences: rules that start with the same conditions share those branches.
import type { Localized } from './run-result.ts';

type Lang = 'en' | 'zh-CN';

// The words of the server's rule sentences (plugins/analytics/src/engine/rule-text.ts).
const WORDS: Record<Lang, { if: string; and: string; then: string; always: string }> = {
  en: { if: 'IF ', and: ' AND ', then: ' THEN ', always: 'IF any record' },
  'zh-CN': { if: '如果 ', and: ' 且 ', then: ' 那么 ', always: '如果 任意记录' },
};

export interface ParsedRule {
  conditions: string[];
  /** What the rule concludes, with its probability (`Lifecycle = Lost, p = 0.83`). */
  conclusion: string;
}

export function parseRule(sentence: string, lang: Lang): ParsedRule {
  const words = WORDS[lang];
  const cut = sentence.lastIndexOf(words.then);
  if (cut < 0) return { conditions: [], conclusion: sentence };
  const premise = sentence.slice(0, cut);
  const conclusion = sentence.slice(cut + words.then.length);
  if (premise === words.always || !premise.startsWith(words.if)) return { conditions: [], conclusion };
  return { conditions: premise.slice(words.if.length).split(words.and), conclusion };
}

export interface RuleTreeNode {
  /** The condition that leads here (the root's is empty). */
  condition: string;
  children: RuleTreeNode[];
  /** A leaf: the index of its rule. */
  rule?: number;
}

export function ruleTree(rules: readonly { text: Localized }[], lang: Lang): RuleTreeNode {
  const root: RuleTreeNode = { condition: '', children: [] };
  rules.forEach((rule, index) => {
    const sentence = rule.text[lang] ?? rule.text.en ?? '';
    let node = root;
    for (const condition of parseRule(sentence, lang).conditions) {
      let next = node.children.find((child) => child.condition === condition && child.rule === undefined);
      if (!next) {
        next = { condition, children: [] };
        node.children.push(next);
      }
      node = next;
    }
    if (node === root && root.children.length === 0 && root.rule === undefined) root.rule = index;
    else node.children.push({ condition: '', children: [], rule: index });
  });
  // A branch whose only child is its leaf becomes that leaf.
  const fold = (node: RuleTreeNode): RuleTreeNode => {
    const children = node.children.map(fold);
    if (children.length === 1 && children[0].condition === '' && children[0].rule !== undefined && node.condition !== '') {
      return { condition: node.condition, children: [], rule: children[0].rule };
    }
    return { ...node, children };
  };
  return fold(root);
}
