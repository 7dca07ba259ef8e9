import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildServer {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  /** The last lines the server wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  name: string;
  /** Arguments to `node`, the script included. */
  nodeArgs: string[];
  env: Record<string, string>;
  port: number;
  /** A path that answers (any status) once the server accepts requests. */
  readyPath: string;
  timeoutMs?: number;
}

/** Starts a server as a separate node process and waits until it answers HTTP. */
export async function startChildServer(options: StartOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, options.nodeArgs, {
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${options.name} exited with code ${exited} before listening:\n${tail}`);
    try {
      await fetch(baseUrl + options.readyPath, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${options.name} did not listen on ${baseUrl} within ${options.timeoutMs ?? 60_000} ms:\n${tail}`);
      }
      await sleep(200);
    }
  }

  return {
    name: options.name,
    baseUrl,
    process: child,
    output: () => tail,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => false), sleep(10_000).then(() => true)]);
      if (killed) {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
}
