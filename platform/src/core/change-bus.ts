import type { Knex } from 'knex';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from './logger.ts';

/** The PostgreSQL channel every server process listens on for changes made by the others. */
export const CHANGES_CHANNEL = 'tessera_changes';

/** What changed; small, so the payload stays far below PostgreSQL's 8000-byte NOTIFY limit. */
export type Change =
  | { kind: 'metadata' | 'roles' | 'workflows'; version: number }
  | { kind: 'user'; id: string }
  | { kind: 'session'; id: string };

/**
 * Tells every process (this one included) about a change. Call it inside the transaction that makes
 * the change: PostgreSQL delivers the notice when that transaction commits, and never if it rolls back.
 */
export async function announceChange(trx: Knex, change: Change): Promise<void> {
  await trx.raw('SELECT pg_notify(?, ?)', [CHANGES_CHANNEL, JSON.stringify(change)]);
}

export interface ChangeHandlers {
  onChange(change: Change): void;
  /**
   * After the listening connection was lost and is back: notices sent meanwhile are gone, so whatever
   * is cached must be checked again.
   */
  onResync(): void;
}

export interface ChangeListener {
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

function parseChange(payload: string | undefined, log: Logger): Change | null {
  try {
    const change = JSON.parse(payload ?? '') as Change;
    if (typeof change === 'object' && change !== null && typeof change.kind === 'string') return change;
  } catch {
    // reported below
  }
  log.warn({ payload }, 'ignored a change notice that is not understood');
  return null;
}

/**
 * Listens for the changes `announceChange` sends. On PostgreSQL a connection of its own (outside the
 * pool) LISTENs and reconnects with growing waits when it is lost; on the embedded PGlite database (one
 * process) the same NOTIFY arrives through PGlite's own listener.
 */
export async function listenForChanges(db: Knex, handlers: ChangeHandlers, log: Logger): Promise<ChangeListener> {
  const connection = (db.client as { config: { connection?: { pglite?: PGlite; connectionString?: string } } }).config.connection;
  const receive = (payload: string | undefined) => {
    const change = parseChange(payload, log);
    if (change) handlers.onChange(change);
  };
  if (connection?.pglite) {
    const unlisten = await connection.pglite.listen(CHANGES_CHANNEL, receive);
    return { close: () => unlisten() };
  }
  if (!connection?.connectionString) throw new Error('listenForChanges: the database has neither a PGlite instance nor a connection string');
  return listenOnPostgres(connection.connectionString, handlers, receive, log);
}

async function listenOnPostgres(connectionString: string, handlers: ChangeHandlers, receive: (payload: string | undefined) => void, log: Logger): Promise<ChangeListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let waitMs = FIRST_RETRY_MS;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: 'tessera changes', keepAlive: true });
    let listening = false;
    const onLost = (err?: Error) => {
      // A failed connect is retried by whoever called connect.
      if (!listening) return;
      listening = false;
      next.removeAllListeners('notification');
      next.end().catch(() => undefined);
      if (client === next) client = null;
      if (closed) return;
      log.warn({ err, retryMs: waitMs }, 'lost the change listener connection; reconnecting');
      scheduleReconnect();
    };
    next.on('error', onLost);
    next.on('end', () => onLost());
    next.on('notification', (n) => n.channel === CHANGES_CHANNEL && receive(n.payload));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      next.end().catch(() => undefined);
      throw err;
    }
    listening = true;
    client = next;
    waitMs = FIRST_RETRY_MS;
  };

  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      connect().then(
        () => {
          log.info('change listener reconnected');
          handlers.onResync();
        },
        (err) => {
          if (closed) return;
          waitMs = Math.min(waitMs * 2, LAST_RETRY_MS);
          log.warn({ err, retryMs: waitMs }, 'change listener could not reconnect');
          scheduleReconnect();
        },
      );
    }, waitMs);
    retry.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}
