import { DataDirInUseError } from '../../src/core/data-dir-lock.ts';

/** An expected failure of a backup, restore or move: its message is printed as is, without a stack trace. */
export class OperationError extends Error {}

/** Runs a command's body: expected failures print their message and exit 1, anything else also its stack and exits 2. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
    process.exitCode = 0;
  } catch (err) {
    if (err instanceof OperationError || err instanceof DataDirInUseError) {
      console.error(`error: ${err.message}`);
      process.exitCode = 1;
    } else if (isDatabaseError(err)) {
      // Nothing was changed: every change runs in one transaction, rolled back on this error.
      console.error(`error: the database refused: ${err.message}${err.detail ? ` (${err.detail})` : ''}`);
      process.exitCode = 1;
    } else {
      console.error('error: an unexpected failure:', err);
      process.exitCode = 2;
    }
  }
}

const isDatabaseError = (err: unknown): err is Error & { severity: string; detail?: string } =>
  err instanceof Error && typeof (err as { severity?: unknown }).severity === 'string';
