import type { Ctx } from '../core/ctx.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { PluginHost } from './plugin-host.ts';

/** On the first start of an empty database: the configured packs (all available by default), with their demo data. */
export async function installInitialPacks(host: PluginHost, config: Pick<Config, 'initialPacks' | 'demoData'>, ctx: Ctx, log: Logger): Promise<void> {
  const names = config.initialPacks === 'all' ? [...host.packs.keys()] : config.initialPacks;
  for (const name of names) {
    const results = await host.install(name, { demo: config.demoData }, ctx);
    for (const result of results) if (result.changed) log.info({ pack: result.name, version: result.version, demo: result.demoLoaded }, `pack ${result.name} installed`);
  }
}
