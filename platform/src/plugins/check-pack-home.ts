import { detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import type { UiContributions } from '../generated/pack.ts';
import { compileFilter, fieldKind, parseSort, QueryScope, SAMPLE_USER_VARIABLES } from '../query/index.ts';

type Home = NonNullable<UiContributions['home']>;

/**
 * A pack's home sections, checked at install against the objects as they now are: each names a
 * record object, shows and sums its fields, and filters and sorts in the filter language.
 */
export function checkPackHome(home: Home | undefined, snapshot: SchemaSnapshot, at: (pointer: string) => string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const sections = [
    ...(home?.lists ?? []).map((s, i) => ({ ...s, pointer: `home/lists/${i}`, measure: undefined })),
    ...(home?.figures ?? []).map((s, i) => ({ ...s, pointer: `home/figures/${i}`, fields: [] as string[], sort: undefined })),
  ];
  for (const section of sections) {
    const object = snapshot.objects.get(section.object);
    if (!object || object.system) {
      details.push(detail(at(`${section.pointer}/object`), msg('pack.noObject', { name: section.object })));
      continue;
    }
    section.fields.forEach((field, j) => {
      if (!object.fields.has(field)) details.push(detail(at(`${section.pointer}/fields/${j}`), msg('pack.homeNoField', { object: object.name, field })));
    });
    const scope = new QueryScope(snapshot, object, { variables: SAMPLE_USER_VARIABLES });
    const compiles = (pointer: string, compile: () => unknown) => {
      try {
        compile();
      } catch (err) {
        if (!isAppError(err)) throw err;
        const found = err.details?.length ? err.details : [detail('', err.message)];
        for (const d of found) details.push({ ...d, path: at(`${section.pointer}/${pointer}${d.path.startsWith('/') ? d.path : ''}`) });
      }
    };
    if (section.filter !== undefined) compiles('filter', () => compileFilter(section.filter, scope));
    if (section.sort !== undefined) compiles('sort', () => parseSort(section.sort, scope));
    if (section.measure !== undefined && section.measure !== 'count') {
      const field = object.fields.get(section.measure.sum);
      const kind = field && fieldKind(field);
      if (!field) details.push(detail(at(`${section.pointer}/measure/sum`), msg('pack.homeNoField', { object: object.name, field: section.measure.sum })));
      else if ((kind !== 'number' && kind !== 'integer') || field.type === 'percent') details.push(detail(at(`${section.pointer}/measure/sum`), msg('pack.homeNotNumber', { field: field.name })));
    }
  }
  return details;
}
