import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createTessera } from '../../platform/src/app.ts';
import { loadConfig } from '../../platform/src/core/config.ts';
import { connectDatabase } from '../../platform/src/core/database.ts';
import type { ScenarioOutcome } from './scenarios.ts';
import { searchScenario } from './search-scenario.ts';
import { TesseraClient } from './tessera-client.ts';

/** `search-pglite`: the search scenario on the embedded database, Tessera in this process, PGlite in memory. */
export async function searchPgliteScenario(settings: { rows: number; rounds: number; log: (message: string) => void }): Promise<ScenarioOutcome> {
  const db = connectDatabase({});
  const adminPassword = randomBytes(18).toString('base64url');
  const config = { ...loadConfig({}), adminPassword, logLevel: 'warn', initialPacks: [] };
  const tessera = await createTessera({ config, db, log: pino({ level: 'warn' }), env: {} });
  const server = await tessera.listen(0, '127.0.0.1');
  try {
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const admin = await TesseraClient.login(baseUrl, 'admin', adminPassword);
    const seed = async (sql: string) => {
      await db.raw('SELECT setseed(0.17)');
      await db.raw(sql);
      await db.raw('VACUUM ANALYZE records.account');
      // PGlite ran in this thread: let the server's overdue keep-alive timers close idle sockets now,
      // rather than under the next request.
      await new Promise((resolve) => setTimeout(resolve, 200));
    };
    return await searchScenario({ admin, baseUrl, database: 'PGlite', seed, ...settings });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await tessera.close();
    await db.destroy();
  }
}
