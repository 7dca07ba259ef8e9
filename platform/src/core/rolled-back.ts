import type { Knex } from 'knex';

let savepoints = 0;

/**
 * Runs `work` on writes that are undone afterwards (a savepoint rolled back; a transaction of its
 * own when `db` is not one): for asking PostgreSQL what a row would look like, or what it would
 * break, without keeping it.
 */
export async function withRolledBackWrites<T>(db: Knex, work: (trx: Knex) => Promise<T>): Promise<T> {
  if (!(db as Knex.Transaction).isTransaction) {
    let out: T | undefined;
    await db.transaction(async (trx) => {
      out = await withRolledBackWrites(trx, work);
    });
    return out as T;
  }
  const name = `tentative_${++savepoints}`;
  await db.raw(`SAVEPOINT ${name}`);
  try {
    return await work(db);
  } finally {
    await db.raw(`ROLLBACK TO SAVEPOINT ${name}`);
    await db.raw(`RELEASE SAVEPOINT ${name}`);
  }
}
