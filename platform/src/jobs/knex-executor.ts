import type { Knex } from 'knex';

interface DriverConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  exec?(text: string): Promise<{ rows: unknown[] }[]>;
}

/**
 * pg-boss talks to the database through `executeSql(text, values)` with `$n` placeholders. This runs
 * it on a connection of the knex instance (or transaction) given, on PostgreSQL and PGlite alike, so
 * jobs can be written inside the transaction whose commit they must follow.
 */
export function knexExecutor(db: Knex): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      const client = db.client as { acquireConnection(): Promise<DriverConnection>; releaseConnection(c: DriverConnection): Promise<void>; config: { client: unknown } };
      const connection = await client.acquireConnection();
      try {
        const params = values?.length ? values : undefined;
        // Without parameters a text may hold several statements (pg-boss's schema); PGlite runs those with exec.
        const result = params || client.config.client === 'pg' || !connection.exec ? await connection.query(text, params) : await connection.exec(text);
        return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}
