import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { DEFAULT_PACK_DIR, discoverPacks } from '../../../platform/src/plugins/pack-catalog.ts';
import { PluginHost } from '../../../platform/src/plugins/plugin-host.ts';

// Issue 13 item 1: a pack's definition kind is validated by the pack's own schemas/<kind>.schema.json,
// loaded when the pack registers the kind; without a usable schema the server does not start.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

/** A plugin host for one pack; registering needs neither the database nor the job queue. */
function hostFor(root: string, name: string): PluginHost {
  const pack = discoverPacks([DEFAULT_PACK_DIR, path.join(fixtures, root)]).get(name);
  if (!pack) throw new Error(`no fixture pack ${name}`);
  return new PluginHost(new Map([[name, pack]]), { db: null as never, holder: null as never, jobs: null as never, log: pino({ level: 'silent' }), env: {} });
}

describe('schemas of pack definition kinds', () => {
  it('validates a registered kind against the schema in the pack folder, with JSON-pointer details', async () => {
    const host = hostFor('packs', 'site_checks');
    await host.registerAll();
    const kind = host.registrations.kindByPlural('checklists');
    expect(kind).toMatchObject({ kind: 'checklist', pack: 'site_checks' });
    expect(kind!.validate({ name: 'ok', object: 'site_visit', items: ['safety_ok'] })).toEqual({ name: 'ok', object: 'site_visit', items: ['safety_ok'] });
    let refused: unknown;
    try {
      kind!.validate({ name: 'bad', items: [], colour: 'red' });
    } catch (err) {
      refused = err;
    }
    expect(isAppError(refused) && refused.code).toBe('VALIDATION_FAILED');
    expect(isAppError(refused) && refused.details?.map((d) => d.path).sort()).toEqual(['/colour', '/items', '/object']);
  });

  it('stops the start when a pack registers a kind without its schema, naming the file it expected', async () => {
    await expect(hostFor('broken-kind-packs', 'no_schema').registerAll()).rejects.toThrow(/Pack 'no_schema': the definition kind 'thing' has no JSON Schema; expected .*no_schema\/schemas\/thing\.schema\.json/);
  });

  it('stops the start when the schema is not a valid JSON Schema', async () => {
    await expect(hostFor('broken-kind-packs', 'bad_schema').registerAll()).rejects.toThrow(/bad_schema\/schemas\/thing\.schema\.json is not a valid JSON Schema: .*minLenght/);
  });

  it('stops the start when the schema does not require the name definitions are stored by', async () => {
    await expect(hostFor('broken-kind-packs', 'unnamed_schema').registerAll()).rejects.toThrow(/unnamed_schema\/schemas\/thing\.schema\.json: the schema of a definition kind must describe an object that requires a "name"/);
  });

  it('compiles the same schema for two hosts in one process, each keeping its own kinds', async () => {
    const first = hostFor('packs', 'site_checks');
    const second = hostFor('packs', 'site_checks');
    await first.registerAll();
    await second.registerAll();
    expect(first.registrations.kindByPlural('checklists')).not.toBe(second.registrations.kindByPlural('checklists'));
    expect(() => second.registrations.kindByPlural('checklists')!.validate({ name: 'x', object: 'site_visit', items: [] })).toThrow();
  });
});
