import type { Knex } from 'knex';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Ctx } from '../../../platform/src/core/ctx.ts';
import { heavyRead, isUnreachable, ReadReplica } from '../../../platform/src/core/read-replica.ts';
import { readReplicaFallbacks } from '../../../platform/src/core/observers.ts';
import type { SchemaSnapshot } from '../../../platform/src/core/snapshot-types.ts';

// The read replica's routing: where a heavy read goes while the replica answers, fails, lags behind
// and comes back. The databases are stand-ins that say who they are; the replica's `SELECT 1` probe
// answers as the test says.

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55401'), { code: 'ECONNREFUSED' });

function standIn(name: string, answers: { probe: () => Promise<unknown> } = { probe: async () => ({ rows: [{ '?column?': 1 }] }) }) {
  return { name, isTransaction: false, raw: () => answers.probe(), destroy: async () => {} } as unknown as Knex & { name: string };
}

function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, new Writable({ write(line, _e, done) { lines.push(JSON.parse(String(line))); done(); } }));
  return { log, lines };
}

const primary = standIn('primary');
let replica: ReadReplica | undefined;
afterEach(() => replica?.close());

const serverOf = (db: Knex) => Promise.resolve((db as Knex & { name: string }).name);

describe('ReadReplica', () => {
  it('serves heavy reads from the replica while it answers', async () => {
    replica = new ReadReplica(standIn('replica'), pino({ level: 'silent' }));
    expect(await replica.read(primary, serverOf)).toBe('replica');
    expect(replica.up).toBe(true);
  });

  it('falls back to the primary when the replica is unreachable, warns once per outage, and returns to it once the probe answers', async () => {
    let replicaAnswers = false;
    const fallbacks: string[] = [];
    const stop = readReplicaFallbacks.on((f) => fallbacks.push(f.reason));
    const { log, lines } = capturedLog();
    replica = new ReadReplica(standIn('replica', { probe: async () => { if (!replicaAnswers) throw refused; return { rows: [] }; } }), log, { retryMs: 20 });
    const read = () => replica!.read(primary, async (db) => {
      if (db !== primary && !replicaAnswers) throw refused;
      return serverOf(db);
    });
    try {
      expect(await read()).toBe('primary');
      expect(replica.up).toBe(false);
      expect(await read()).toBe('primary');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await read()).toBe('primary');
      expect(lines.filter((l) => l.msg.startsWith('read replica unreachable'))).toHaveLength(1);
      expect(fallbacks).toEqual(['down', 'down', 'down']);

      replicaAnswers = true;
      for (let waited = 0; !replica.up && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(replica.up).toBe(true);
      expect(await read()).toBe('replica');
      expect(lines.some((l) => l.msg.startsWith('read replica answers again'))).toBe(true);

      // A second outage warns again.
      replicaAnswers = false;
      expect(await read()).toBe('primary');
      expect(lines.filter((l) => l.msg.startsWith('read replica unreachable'))).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('lets the primary answer a read the replica has not caught up with (a new column), without counting the replica down', async () => {
    replica = new ReadReplica(standIn('replica'), pino({ level: 'silent' }));
    const behind = Object.assign(new Error('column t0.priority does not exist'), { code: '42703' });
    expect(await replica.read(primary, async (db) => { if (db !== primary) throw behind; return serverOf(db); })).toBe('primary');
    expect(replica.up).toBe(true);
  });

  it('passes on any other failure without trying the primary', async () => {
    replica = new ReadReplica(standIn('replica'), pino({ level: 'silent' }));
    const badValue = Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' });
    const tried: string[] = [];
    await expect(replica.read(primary, async (db) => { tried.push(await serverOf(db)); throw badValue; })).rejects.toBe(badValue);
    expect(tried).toEqual(['replica']);
  });
});

describe('isUnreachable', () => {
  it('knows refused, dropped and timed-out connections and a server shutting down, and nothing else', () => {
    expect(isUnreachable(refused)).toBe(true);
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }))).toBe(true);
    expect(isUnreachable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnreachable(new Error('The filter is not valid.'))).toBe(false);
  });
});

describe('heavyRead', () => {
  const ctxOn = (db: Knex, readReplica?: ReadReplica): Ctx => ({ db, schema: {} as SchemaSnapshot, actor: SYSTEM_ACTOR, log: pino({ level: 'silent' }), lang: 'en', readReplica });

  it('reads the replica with the same context otherwise, and the work sees no replica to switch to again', async () => {
    replica = new ReadReplica(standIn('replica'), pino({ level: 'silent' }));
    const seen = await heavyRead(ctxOn(primary, replica), async (ctx) => ({ server: await serverOf(ctx.db), actor: ctx.actor, replica: ctx.readReplica }));
    expect(seen).toEqual({ server: 'replica', actor: SYSTEM_ACTOR, replica: undefined });
  });

  it('stays in a transaction, which may hold writes the replica cannot have', async () => {
    replica = new ReadReplica(standIn('replica'), pino({ level: 'silent' }));
    const transaction = Object.assign(standIn('transaction'), { isTransaction: true });
    expect(await heavyRead(ctxOn(transaction, replica), (ctx) => serverOf(ctx.db))).toBe('transaction');
  });

  it('reads the one database when no replica is configured', async () => {
    expect(await heavyRead(ctxOn(primary), (ctx) => serverOf(ctx.db))).toBe('primary');
  });
});
