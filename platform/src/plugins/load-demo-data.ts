import { systemContext, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { createDepartment, parseDepartmentInput } from '../organisation/departments.ts';
import { createUser, parseUserInput } from '../organisation/users.ts';
import { createRecord } from '../records/create-record.ts';
import type { PackContents } from './pack-contents.ts';

/**
 * Loads a pack's demo data: departments.json (`{key, name, parent?}`), users.json (`{username,
 * password, name, department?, manager?, roles}` naming departments by key and managers by username),
 * then `<object>.json` arrays of records. A record may carry `$key` so that later records refer to it
 * with `{"$key": "..."}` in a lookup, and `$owner` (a username) to give it an owner.
 */
export async function loadDemoData(pack: string, demo: PackContents['demo'], ctx: Ctx): Promise<void> {
  const departments = new Map<string, string>();
  const users = new Map<string, { id: string; department: string | null }>();
  const keys = new Map<string, string>();
  const system = systemContext(ctx);
  const fail = (file: string, index: number, message: string) =>
    createError('VALIDATION_FAILED', `The demo data of the pack '${pack}' cannot be loaded: ${file} item ${index}: ${message}`, [{ path: `/${pack}/demo/${file}/${index}`, message }]);
  const list = (file: string, content: unknown): Record<string, unknown>[] => {
    if (!Array.isArray(content)) throw fail(file, 0, 'the file must hold a JSON array');
    return content as Record<string, unknown>[];
  };

  for (const { file, content } of demo) {
    const items = list(file, content);
    if (file === 'departments.json') {
      for (const [i, { key, parent, ...rest }] of items.entries()) {
        const parentId = parent === undefined ? undefined : departments.get(String(parent));
        if (parent !== undefined && !parentId) throw fail(file, i, `unknown parent department '${String(parent)}'`);
        const created = await createDepartment(parseDepartmentInput({ ...rest, ...(parentId ? { parent: parentId } : {}) }, { creating: true }), ctx);
        departments.set(String(key ?? rest.name), String(created.id));
      }
    } else if (file === 'users.json') {
      for (const [i, { department, manager, ...rest }] of items.entries()) {
        const departmentId = department === undefined ? undefined : departments.get(String(department));
        if (department !== undefined && !departmentId) throw fail(file, i, `unknown department '${String(department)}'`);
        const managerId = manager === undefined ? undefined : users.get(String(manager))?.id;
        if (manager !== undefined && !managerId) throw fail(file, i, `unknown manager '${String(manager)}' (list managers first)`);
        const created = await createUser(parseUserInput({ ...rest, ...(departmentId ? { department: departmentId } : {}), ...(managerId ? { manager: managerId } : {}) }, { creating: true }), ctx);
        users.set(String(rest.username), { id: String(created.id), department: departmentId ?? null });
      }
    } else {
      const object = file.replace(/\.json$/, '');
      const info = ctx.schema.objects.get(object);
      if (!info || info.system) throw fail(file, 0, `there is no object named '${object}'`);
      for (const [i, item] of items.entries()) {
        const { $key, $owner, ...values } = item;
        for (const [field, value] of Object.entries(values)) {
          if (typeof value === 'object' && value !== null && '$key' in value) {
            const target = info.fields.get(field)?.target;
            const id = target ? keys.get(`${target}:${String((value as { $key: unknown }).$key)}`) : undefined;
            if (!id) throw fail(file, i, `${field} refers to an unknown ${target ?? 'record'} '${String((value as { $key: unknown }).$key)}'`);
            values[field] = id;
          }
        }
        const { record } = await createRecord(object, values, system);
        const id = String(record.id);
        if ($key !== undefined) keys.set(`${object}:${String($key)}`, id);
        if ($owner !== undefined) {
          const owner = users.get(String($owner));
          if (!owner) throw fail(file, i, `unknown owner '${String($owner)}'`);
          await ctx.db(info.table).where({ id }).update({ _owner: owner.id, _department: owner.department, _created_by: owner.id });
        }
      }
    }
  }
}
