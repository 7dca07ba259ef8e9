import { packProblem, type ErrorDetail, type MetadataView, type ObjectDefinition } from '../../../../platform/src/plugins/plugin-api.ts';

/** A problem at a JSON pointer, in both languages. */
export const problem = (path: string, en: string, zh: string): ErrorDetail => packProblem(path, { en, 'zh-CN': zh });

export type FieldDefinition = ObjectDefinition['fields'][number];

/** A field of the object's own definition (features and write-back fields are plain fields, not paths). */
export function ownField(meta: MetadataView, object: string, name: string): FieldDefinition | undefined {
  return meta.object(object)?.fields.find((f) => f.name === name);
}

/** The type of the field a path names (a formula's by what it returns), or the problem at `path`. */
export function pathType(meta: MetadataView, object: string, fieldPath: string, pointer: string): string | ErrorDetail {
  const found = meta.field(object, fieldPath);
  return 'problem' in found ? packProblem(pointer, found.problem) : found.type;
}

export const noField = (pointer: string, object: string, name: string): ErrorDetail =>
  problem(pointer, `'${object}' has no field named '${name}'`, `“${object}”没有名为“${name}”的字段`);

/** "must be a … field; 'x' is a … field" in both languages. */
export const wrongType = (pointer: string, wanted: { en: string; 'zh-CN': string }, name: string, type: string): ErrorDetail =>
  problem(pointer, `must be ${wanted.en} field; '${name}' is a ${type} field`, `必须是${wanted['zh-CN']}字段；“${name}”是 ${type} 字段`);
