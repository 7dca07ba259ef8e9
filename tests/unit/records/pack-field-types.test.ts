import { describe, expect, it } from 'vitest';
import { systemContext, type Ctx } from '../../../platform/src/core/ctx.ts';
import type { ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import { resolvePolicy } from '../../../platform/src/permissions/resolve-policy.ts';
import { checkObjectDefinition } from '../../../platform/src/definitions/check-object-definition.ts';
import { PackRegistrations } from '../../../platform/src/plugins/pack-registrations.ts';
import { checkValues } from '../../../platform/src/records/prepare-values.ts';

// Pack field types are found through the context's registry port (issue 13 item 1). Where a
// context has none, nothing a pack type would refuse gets through: a write of such a field throws,
// and a definition naming a pack type is refused as naming an unknown one.

const definition: ObjectDefinition = { name: 'parcel', fields: [{ name: 'code', type: 'text', fieldType: 'shop.order_code' }] };
const snapshot = buildSnapshot([{ version: 1, definition }], 1);
const parcel = snapshot.object('parcel');
const registry = new PackRegistrations();
registry.addFieldType('shop.order_code', { bases: ['text'], check: (value) => (/^[A-Z]+-[0-9]+$/.test(String(value)) ? null : 'must look like ABC-123') });

const contextWith = (port?: PackRegistrations): Ctx => systemContext({ db: null as never, schema: snapshot, log: null as never, registry: port });
const written = (ctx: Ctx, values: Record<string, unknown>) => checkValues(parcel, resolvePolicy(ctx, parcel, 'create'), values, 'create', ctx);

describe('pack field types through the registry port', () => {
  it("checks a value with the registering pack's check", () => {
    expect(written(contextWith(registry), { code: 'AB-1' })).toEqual({ values: { code: 'AB-1' }, invalid: [] });
    expect(JSON.parse(JSON.stringify(written(contextWith(registry), { code: 'nope' }).invalid))).toEqual([{ path: '/code', message: 'code must look like ABC-123' }]);
  });

  it('refuses to write a field of a pack type from a context without the registry, rather than accept the value unchecked', () => {
    expect(() => written(contextWith(), { code: 'nope' })).toThrow(/needs the pack registry/);
    expect(written(contextWith(), { code: null })).toEqual({ values: { code: null }, invalid: [] });
  });

  it('knows the pack types of the given registry only when checking a definition', () => {
    expect(checkObjectDefinition(definition, snapshot, registry)).toEqual([]);
    expect(checkObjectDefinition(definition, snapshot).map((d) => d.path)).toEqual(['/fields/0/fieldType']);
    expect(checkObjectDefinition(definition, snapshot, new PackRegistrations()).map((d) => d.path)).toEqual(['/fields/0/fieldType']);
  });

  it('lets a server register each field type once', () => {
    expect(() => registry.addFieldType('shop.order_code', { bases: ['text'], check: () => null })).toThrow(/already registered/);
  });
});
