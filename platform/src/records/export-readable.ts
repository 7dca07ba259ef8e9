import type { Ctx } from '../core/ctx.ts';
import { msg, renderMessage, type Label, type Language } from '../core/messages/message.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import type { RecordData } from './record-shape.ts';
import { readTitles } from './record-titles.ts';
import { directoryNames } from '../organisation/directory-names.ts';

/** A cell before the formula-injection guard: text, a number or a boolean, null when empty. */
export type ExportValue = string | number | boolean | null;

/** How a page of records becomes spreadsheet rows: the header, and each page's rows (after reading what it needs). */
export interface ExportCells {
  header: string[];
  rows(page: readonly RecordData[]): Promise<ExportValue[][]>;
}

/** `?codes=true`: field names, option values, ids, true/false, fractions — what the API stores. */
export function machineCells(fields: readonly FieldInfo[]): ExportCells {
  return {
    header: fields.map((f) => f.name),
    rows: async (page) => page.map((row) => fields.map((f) => machineValue(f, row[f.name]))),
  };
}

export function machineValue(field: FieldInfo, value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && field.type === 'multienum') return value.join(';');
  if (field.type === 'json') return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

const labelIn = (label: Label | undefined, lang: Language, fallback: string) => label?.[lang] ?? label?.en ?? label?.['zh-CN'] ?? fallback;

/** A fraction as the app shows it: 0.3 → "30%", without binary noise. */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toFixed(10))}%`;
}

function optionLabels(field: FieldInfo, lang: Language): Map<string, string> {
  const labels = new Map<string, string>();
  for (const option of field.definition?.options ?? field.options ?? []) {
    if (typeof option === 'string') labels.set(option, option);
    else labels.set(option.value, labelIn(option.label, lang, option.value));
  }
  return labels;
}

/** State labels of the workflows on this object (the first workflow naming a state labels it). */
function stateLabels(object: ObjectInfo, ctx: Ctx): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { definition } of ctx.schema.workflows.values()) {
    if (definition.object !== object.name) continue;
    for (const [name, state] of Object.entries(definition.states)) if (!labels.has(name)) labels.set(name, labelIn(state.label, ctx.lang, name));
  }
  return labels;
}

const kindOf = (field: FieldInfo): string => (field.type === 'formula' ? (field.returns ?? 'text') : field.type);

/**
 * The default export, for people: headers are field labels in the caller's language, options their
 * labels, lookups the target's title as the caller may read it (empty when they may not), people and
 * departments by name, yes/no, percents as shown. The import reads every one of these back.
 */
export function readableCells(object: ObjectInfo, fields: readonly FieldInfo[], ctx: Ctx): ExportCells {
  const lang = ctx.lang;
  const options = new Map(fields.filter((f) => f.type === 'enum' || f.type === 'multienum').map((f) => [f.name, optionLabels(f, lang)]));
  const states = fields.some((f) => f.name === '_state') ? stateLabels(object, ctx) : new Map<string, string>();
  const yes = renderMessage(msg('export.yes'), lang);
  const no = renderMessage(msg('export.no'), lang);
  const lookups = fields.filter((f) => f.type === 'lookup' && f.target);

  async function namesOf(page: readonly RecordData[]): Promise<Map<string, Map<string, string>>> {
    const wanted = new Map<string, Set<string>>();
    for (const f of lookups) {
      const ids = wanted.get(f.target!) ?? new Set<string>();
      for (const row of page) if (typeof row[f.name] === 'string') ids.add(row[f.name] as string);
      wanted.set(f.target!, ids);
    }
    const names = new Map<string, Map<string, string>>();
    const records = new Map([...wanted].filter(([target]) => ctx.schema.objects.get(target)?.system === false));
    const titles = await readTitles(records, ctx);
    for (const [target, ids] of wanted) {
      names.set(target, ctx.schema.objects.get(target)?.system ? await directoryNames(ctx.db, target === 'user' ? 'user' : 'department', [...ids]) : new Map(Object.entries(titles[target] ?? {})));
    }
    return names;
  }

  function cell(field: FieldInfo, value: unknown, names: Map<string, Map<string, string>>): ExportValue {
    if (value === null || value === undefined) return null;
    if (field.name === '_state' && typeof value === 'string') return states.get(value) ?? value;
    const kind = kindOf(field);
    if (field.type === 'enum') return options.get(field.name)?.get(String(value)) ?? String(value);
    if (field.type === 'multienum' && Array.isArray(value)) return value.map((v) => options.get(field.name)?.get(String(v)) ?? String(v)).join('; ');
    if (field.type === 'lookup' && field.target) return names.get(field.target)?.get(String(value)) ?? null;
    if (kind === 'boolean' && typeof value === 'boolean') return value ? yes : no;
    if (kind === 'percent' && typeof value === 'number') return percentText(value);
    return machineValue(field, value);
  }

  return {
    header: fields.map((f) => labelIn(f.label, lang, f.name)),
    async rows(page) {
      const names = lookups.length ? await namesOf(page) : new Map<string, Map<string, string>>();
      return page.map((row) => fields.map((f) => cell(f, row[f.name], names)));
    },
  };
}
