import type { Field } from '@/api/types';
import { valueType } from './field-types';

/**
 * What the charts above a list show at first: records counted per the first choice field (an option,
 * else a yes/no or a lookup), and the first currency summed per the same value. Other numbers are not
 * summed by default: a sum of percentages or probabilities means nothing, so without a currency the
 * count stands alone.
 */
export function listChartDefaults(readable: readonly Pick<Field, 'name' | 'type' | 'returns'>[]): { group?: string; sum?: string } {
  const group = readable.find((f) => valueType(f) === 'enum')?.name ?? readable.find((f) => ['boolean', 'lookup'].includes(f.type))?.name;
  const sum = readable.find((f) => valueType(f) === 'currency')?.name;
  return { group, sum };
}
