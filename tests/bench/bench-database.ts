import pg from 'pg';

export const BENCH_DATABASE_NAME = 'tessera_bench';

/** The server URL the bench runs on: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else undefined. */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;
}

/** The same server, pointed at another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'tessera-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops the bench database (or another scenario's own, `name`) if a previous run left it, and creates it empty. */
export async function recreateBenchDatabase(serverUrl: string, name = BENCH_DATABASE_NAME): Promise<string> {
  await onServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(serverUrl, name);
}

export async function dropBenchDatabase(serverUrl: string, name = BENCH_DATABASE_NAME): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
