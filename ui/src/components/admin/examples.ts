// Examples of definition JSON shown beside the editors; code, so the same in every language.
export const EXPRESSION_EXAMPLE = '{"$divide": [{"$field": "profit"}, {"$field": "revenue"}]}';
export const FILTER_EXAMPLE = '{"industry": {"$eq": "telecom"}}';
