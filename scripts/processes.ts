import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** The JSON log lines the service has written to stdout so far. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

export interface SpawnOptions {
  port: number;
  env?: Record<string, string | undefined>;
  /** A GET that answers 200 once the service can take requests; /readyz by default. */
  readyPath?: string;
  readyHeaders?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs one service as its own Node process, as a deployment does, and waits until it answers its
 * readiness check: a built `dist/<name>.mjs`, or a `.ts` file through the TypeScript loader.
 */
export async function spawnService(
  name: string,
  file: string,
  options: SpawnOptions,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, nodeArgs(file), {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ msg: line });
      }
    }
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  for (;;) {
    if (ended) throw new Error(`${name} exited before it was ready`);
    try {
      const response = await fetch(`${baseUrl}${options.readyPath ?? '/readyz'}`, {
        headers: options.readyHeaders,
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${options.timeoutMs ?? 60_000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { name, child, baseUrl, logLines: () => lines, exited };
}

/**
 * The old-generation bound a built service runs with, as a deployment should (README). A service
 * keeps 20 to 50 MiB alive; on a machine with this much memory V8 would let the heap grow to four
 * times what survived the last full collection before the next, and under a bound of 1 GiB it
 * grows it by about 1.6 times. Under the benchmark's loads that took the five services' peak
 * from about 900 to 700 MiB, for more CPU on large answers (the catalogue's gateway, about a tenth).
 */
export const HEAP_BOUND = '--max-old-space-size=1024';

/** How Node runs a service file: built JavaScript with the heap bound, TypeScript through tsx. */
export const nodeArgs = (file: string) =>
  file.endsWith('.ts') ? ['--import', 'tsx', file] : [HEAP_BOUND, file];

/** A process's resident memory now, in bytes, from /proc/<pid>/status. */
export const rssOf = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
};
