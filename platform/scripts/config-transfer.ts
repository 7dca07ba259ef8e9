/**
 * `npm run config:export -- <dir>`: writes the configuration of the system at DATABASE_URL (or the
 * embedded database in DATA_DIR) as a pack folder.
 * `npm run config:import -- <dir> [--dry-run] [--remove-missing] [--accept-lossy] [--as <username>] [--lang zh-CN]`:
 * prints the diff of that folder against the system and, unless --dry-run or there are problems,
 * applies it in one transaction as the given superuser (default admin).
 * Both use the same code as the HTTP API (platform/src/plugins/config-*.ts), straight on the database.
 */
import { parseArgs } from 'node:util';
import { migrationSource } from '../../migrations/index.ts';
import { loadActor } from '../src/auth/session-store.ts';
import { loadConfig } from '../src/core/config.ts';
import type { Ctx } from '../src/core/ctx.ts';
import { connectDatabase } from '../src/core/database.ts';
import { detailText, isAppError } from '../src/core/errors.ts';
import { createLogger } from '../src/core/logger.ts';
import type { Language } from '../src/core/messages/message.ts';
import { JobQueue } from '../src/jobs/job-queue.ts';
import { SnapshotHolder, loadSnapshot } from '../src/metadata/metadata-store.ts';
import { bootstrapAdmin } from '../src/organisation/bootstrap-admin.ts';
import { readBundleFolder, writeBundleFolder } from '../src/plugins/config-bundle.ts';
import type { DefinitionDiff } from '../src/plugins/config-diff.ts';
import { exportConfiguration } from '../src/plugins/config-export.ts';
import { importConfiguration, type ImportResult } from '../src/plugins/config-import.ts';
import { DEFAULT_PACK_DIR, discoverPacks } from '../src/plugins/pack-catalog.ts';
import { PluginHost } from '../src/plugins/plugin-host.ts';
import { recordWorkflowPort } from '../src/workflow/record-workflow-port.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'remove-missing': { type: 'boolean', default: false },
    'accept-lossy': { type: 'boolean', default: false },
    as: { type: 'string', default: 'admin' },
    lang: { type: 'string', default: 'en' },
  },
});
const [command, dir] = positionals;
if ((command !== 'export' && command !== 'import') || !dir) {
  console.error('usage: npm run config:export -- <dir>\n       npm run config:import -- <dir> [--dry-run] [--remove-missing] [--accept-lossy] [--as <username>] [--lang en|zh-CN]');
  process.exit(2);
}
const lang: Language = values.lang === 'zh-CN' ? 'zh-CN' : 'en';

const config = loadConfig();
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
const db = connectDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
let exitCode = 0;
try {
  await db.migrate.latest({ migrationSource });
  await bootstrapAdmin(db, config.adminPassword, log);
  const holder = new SnapshotHolder(db, await loadSnapshot(db));
  // Only the packs' registrations are needed (their definition kinds and checks); nothing boots, no job runs.
  const plugins = new PluginHost(discoverPacks([DEFAULT_PACK_DIR, ...config.packDirs]), { db, holder, jobs: new JobQueue(db, log), log, env: process.env });
  await plugins.registerAll();

  if (command === 'export') {
    const written = writeBundleFolder(await exportConfiguration(db, plugins.registrations), dir);
    console.log(`Exported ${written.length - 1} definitions to ${dir}`);
  } else {
    const user = await db('users').where({ username: values.as, active: true }).first('id', 'username', 'department', 'roles', 'language');
    const actor = user ? (await loadActor(db, user)).actor : undefined;
    if (!actor?.superuser) throw new Error(`'${values.as}' is not an active superuser of this system (use --as <username>).`);
    const ctx: Ctx = { db, schema: holder.snapshot, actor, log, lang, jobs: undefined, hooks: plugins, workflow: recordWorkflowPort, registry: plugins.registrations };
    const options = { removeMissing: values['remove-missing']!, acceptLossy: values['accept-lossy']! };
    const bundle = readBundleFolder(dir);
    const preview = await importConfiguration(bundle, { ...options, dryRun: true }, ctx, holder, plugins.registrations);
    console.log(describeImport(preview));
    if (preview.problems.length) exitCode = 1;
    else if (!values['dry-run'] && preview.items.some((i) => i.change !== 'removed' || options.removeMissing)) {
      const applied = await importConfiguration(bundle, { ...options, dryRun: false, basis: preview.basis }, ctx, holder, plugins.registrations);
      console.log(`Applied (import ${applied.importId}).`);
    }
  }
} catch (err) {
  exitCode = 1;
  if (!isAppError(err)) throw err;
  console.error(err.text(lang));
  for (const d of err.details ?? []) console.error(`  ${d.path || '/'}: ${detailText(d, lang)}`);
} finally {
  await db.destroy();
}
process.exit(exitCode);

function describeImport(result: ImportResult): string {
  const sign = { added: '+', changed: '~', removed: '-' } as const;
  const lines: string[] = [];
  const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v).slice(0, 120));
  for (const item of result.items) {
    const label = item.label?.[lang] ?? item.label?.en;
    const kept = item.change === 'removed' && !result.removeMissing ? ' (kept; --remove-missing removes it)' : '';
    lines.push(`${sign[item.change]} ${item.kind} ${item.name}${label ? ` (${label})` : ''}${kept}${item.lossy ? '  [LOSSY]' : ''}`);
    for (const c of item.changes) lines.push(`    ${sign[c.change]} ${c.pointer || '/'} ${pointerValues(c, show)}`);
    for (const loss of item.losses) lines.push(`    ! ${loss}`);
    for (const note of item.notes) lines.push(`    note: ${note}`);
  }
  const kept = result.removeMissing ? 0 : result.items.filter((i) => i.change === 'removed').length;
  lines.push(`${result.items.length - kept} to change, ${kept} kept, ${result.unchanged} unchanged.`);
  if (result.problems.length) {
    lines.push(`${result.problems.length} problem(s); nothing will be changed:`);
    for (const p of result.problems) lines.push(`  ${p.path}: ${detailText(p, lang)}`);
  }
  return lines.join('\n');
}

function pointerValues(c: DefinitionDiff['changes'][number], show: (v: unknown) => string): string {
  if (c.change === 'added') return show(c.after);
  if (c.change === 'removed') return show(c.before);
  return `${show(c.before)} → ${show(c.after)}`;
}
