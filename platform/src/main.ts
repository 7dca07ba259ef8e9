import { createTessera } from './app.ts';
import { loadConfig } from './core/config.ts';

const config = loadConfig();
const tessera = await createTessera({ config });
const server = await tessera.listen(config.port);
const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
tessera.log.info(`Tessera listening on http://localhost:${config.port} (${where})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void tessera.close().finally(() => process.exit(0));
  });
}
