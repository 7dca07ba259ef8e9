// The shape of an association rule as a run keeps it, free of imports so the run page reads it too.

export interface NamedItem {
  id: string;
  title: string | null;
}

/** A rule as a run keeps it: items by id with their titles. */
export interface StoredRule {
  antecedent: NamedItem[];
  consequent: NamedItem[];
  count: number;
  support: number;
  confidence: number;
  lift: number;
}
