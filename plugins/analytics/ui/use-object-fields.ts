import { useLabels, useMetaStore, type StoredObject } from '@tessera/ui';
import type { FieldChoice } from './kind-form.ts';

/**
 * The fields of objects as the definition form offers them, read from the metadata store when first
 * asked for (the answer arrives reactively), with the lookups' fields one step away (`account.region`)
 * for the properties that take a path.
 */
export function useObjectFields() {
  const meta = useMetaStore();
  const { fieldLabel, objectLabel } = useLabels();
  const asked = new Set<string>();

  function definition(object: string): StoredObject | undefined {
    if (!object) return undefined;
    const found = meta.definitions[object];
    if (!found && !asked.has(object)) {
      asked.add(object);
      // An object the viewer may not read offers no fields; the stored names are still shown.
      meta.definition(object).catch(() => undefined);
    }
    return found;
  }

  function fieldsOf(object: string): FieldChoice[] {
    return (definition(object)?.fields ?? []).map((f) => ({
      name: f.name,
      type: f.type === 'formula' ? (f.returns ?? 'text') : f.type,
      rawType: f.type,
      target: f.target,
      options: (f.options ?? []).map((o) => (typeof o === 'string' ? o : o.value)),
    }));
  }

  /** The object's fields and, for each of its lookups, the fields of the record it points at. */
  function pathsOf(object: string): FieldChoice[] {
    const own = fieldsOf(object);
    const through = own.filter((f) => f.type === 'lookup' && f.target && f.target !== 'user' && f.target !== 'department')
      .flatMap((lookup) => fieldsOf(lookup.target!).filter((f) => f.type !== 'lookup').map((f) => ({ ...f, name: `${lookup.name}.${f.name}` })));
    return [...own, ...through];
  }

  /** A field or path as people call it: `Account › Region`. */
  function labelOf(object: string, path: string | undefined): string {
    if (!path) return '';
    const [head, rest] = path.split(/\.(.*)/s);
    const field = definition(object)?.fields.find((f) => f.name === head);
    const own = field ? fieldLabel(field) : fieldLabel(head);
    if (!rest) return own;
    const inner = field?.target ? definition(field.target)?.fields.find((f) => f.name === rest) : undefined;
    return `${own} › ${inner ? fieldLabel(inner) : fieldLabel(rest)}`;
  }

  const objectName = (name: string) => objectLabel(meta.objects.find((o) => o.name === name) ?? { name });

  return { definition, fieldsOf, pathsOf, labelOf, objectName };
}
