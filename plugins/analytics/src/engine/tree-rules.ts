import type { DecisionTree, TreeSplit } from './decision-tree.ts';
import type { EncodedDataset } from './encode-rows.ts';
import { MISSING_CODE, type FeatureEncoding } from './feature-encoding.ts';
import { treePath } from './tree-prediction.ts';

/**
 * A tree's leaves as rules: the splits on the way from the root, with the conditions on one feature
 * merged (age ≥ 20 then age < 26 becomes 20 ≤ age < 26; a category set narrowed step by step).
 */
export interface RangeCondition {
  kind: 'range';
  feature: number;
  /** min ≤ value */
  min?: number;
  /** value < max */
  max?: number;
  /** Whether a missing value takes this path too. */
  missing: boolean;
}

/** The record's own rule, for a number it lacks. */
export interface MissingCondition {
  kind: 'missing';
  feature: number;
}

export interface CategoryCondition {
  kind: 'categories';
  feature: number;
  /** Codes of the training categories on this path, ascending. */
  allowed: number[];
  /** The record's own rule, for a category training never saw: say which categories it is not. */
  unseen?: boolean;
}

export type RuleCondition = RangeCondition | MissingCondition | CategoryCondition;

export interface TreeRule {
  leaf: number;
  conditions: RuleCondition[];
  rows: number;
  positives: number;
  probability: number;
}

interface Step {
  split: TreeSplit;
  left: boolean;
}

function mergedConditions(steps: readonly Step[], encodings: readonly FeatureEncoding[]): (RangeCondition | CategoryCondition)[] {
  const byFeature = new Map<number, RangeCondition | CategoryCondition>();
  for (const { split, left } of steps) {
    const known = byFeature.get(split.feature);
    if (split.kind === 'numeric') {
      const range: RangeCondition = known?.kind === 'range' ? known : { kind: 'range', feature: split.feature, missing: true };
      if (left) range.max = range.max === undefined ? split.threshold : Math.min(range.max, split.threshold);
      else range.min = range.min === undefined ? split.threshold : Math.max(range.min, split.threshold);
      range.missing &&= split.missingLeft === left;
      byFeature.set(split.feature, range);
    } else {
      const encoding = encodings[split.feature];
      const all = encoding.kind === 'numeric' ? [] : encoding.categories.map((_, code) => code);
      const set = known?.kind === 'categories' ? known : { kind: 'categories' as const, feature: split.feature, allowed: all };
      const inSplit = new Set(split.codes);
      set.allowed = set.allowed.filter((code) => inSplit.has(code) === left);
      byFeature.set(split.feature, set);
    }
  }
  return [...byFeature.values()];
}

/** One rule per leaf, in the tree's node order. */
export function treeRules(tree: DecisionTree, encodings: readonly FeatureEncoding[]): TreeRule[] {
  const rules: TreeRule[] = [];
  const visit = (at: number, steps: Step[]) => {
    const node = tree.nodes[at];
    if (!node.split) {
      rules.push({ leaf: at, conditions: mergedConditions(steps, encodings), rows: node.rows, positives: node.positives, probability: node.probability });
      return;
    }
    visit(node.left!, [...steps, { split: node.split, left: true }]);
    visit(node.right!, [...steps, { split: node.split, left: false }]);
  };
  visit(0, []);
  return rules;
}

/** The rule that explains one record of the data set: its leaf's path, told for its own values. */
export function recordRule(tree: DecisionTree, data: EncodedDataset, row: number): TreeRule {
  const path = treePath(tree, data, row);
  const steps = path.steps.map(({ node, left }) => ({ split: tree.nodes[node].split!, left }));
  const encodings = data.columns.map((c) => c.encoding);
  const conditions = mergedConditions(steps, encodings).map((condition): RuleCondition => {
    const code = data.columns[condition.feature].codes[row];
    if (code !== MISSING_CODE) return condition;
    return condition.kind === 'range' ? { kind: 'missing', feature: condition.feature } : { ...condition, unseen: true };
  });
  const leaf = tree.nodes[path.leaf];
  return { leaf: path.leaf, conditions, rows: leaf.rows, positives: leaf.positives, probability: leaf.probability };
}
