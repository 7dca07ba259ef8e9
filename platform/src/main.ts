import { createTessera } from './app.ts';
import { loadConfig } from './core/config.ts';
import { DataDirInUseError } from './core/data-dir-lock.ts';

const config = loadConfig();
const tessera = await createTessera({ config }).catch((err: unknown) => {
  // Another server (or a backup) has the embedded database open: say so plainly, as an expected stop.
  if (!(err instanceof DataDirInUseError)) throw err;
  console.error(err.message);
  process.exit(1);
});
await tessera.listen(config.port);
const where = config.databaseUrl ? `PostgreSQL${config.databaseReadUrl ? ', heavy reads on a read replica' : ''}` : `embedded PGlite in ${config.dataDir}`;
tessera.log.info(`Tessera listening on http://localhost:${config.port} (${where})`);

// SIGTERM (a deployment, a scale-down) and Ctrl-C stop gracefully: no request in flight fails and no job is lost.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    tessera.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        tessera.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
