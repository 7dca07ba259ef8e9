import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/src/core/logger.ts';
import { JobQueue } from '../../../platform/src/jobs/job-queue.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { eventually } from '../helpers/eventually.ts';

// A job still running when the queue stops and the database closes: pg-boss records its outcome
// without waiting for it, which must not become an unhandled rejection in the process.

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
afterEach(() => process.off('unhandledRejection', record));

describe('stopping the job queue while a job runs', () => {
  it('leaves no unhandled rejection when the job ends after the database closed', async () => {
    process.on('unhandledRejection', record);
    const database = await createTestDatabase();
    const queue = new JobQueue(database.db, createLogger('silent'), 1);
    let started = false;
    let release: (value?: unknown) => void = () => {};
    queue.register('slow', async () => {
      started = true;
      await new Promise((resolve) => (release = resolve));
      throw new Error('the job fails once the database is gone');
    }, { retryLimit: 0 });
    await queue.start();
    await queue.send('slow', {});
    expect(await eventually(async () => started, (s) => s, 30_000)).toBe(true);
    await queue.stop({ graceful: false });
    await database.drop();
    release();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(unhandled).toEqual([]);
  });
});
