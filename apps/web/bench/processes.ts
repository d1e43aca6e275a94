// The servers under test run as child processes, each the leader of its own process group, so
// that stopping one stops everything it started (`next start` may fork workers).
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import net from "node:net";

export interface Server {
  name: string;
  origin: string;
  /** Where its stdout and stderr go. */
  logFile: string;
  child: ChildProcess;
  /** SIGTERM to the group, SIGKILL after a grace period; resolves once the leader has exited. */
  stop(): Promise<void>;
}

/** Ask the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `work`, or a rejection naming `what` once `ms` have passed: every wait of a run is bounded. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

export function startServer(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
}): Server {
  const log = openSync(options.logFile, "w");
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  return {
    name: options.name,
    origin: `http://127.0.0.1:${options.port}`,
    logFile: options.logFile,
    child,
    async stop() {
      signalGroup(child, "SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
      // Whatever is left of the group (workers of a leader that has exited too).
      signalGroup(child, timedOut ? "SIGKILL" : "SIGTERM");
      if (timedOut) await Promise.race([exited, sleep(2_000)]);
    },
  };
}

/** Poll `url` until it answers 200; fail when the server exits first or after `timeoutMs`. */
export async function waitUntilServing(server: Server, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; attempt <= 1_000 && Date.now() < deadline; attempt++) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `${server.name} exited (${server.child.exitCode ?? server.child.signalCode}); see ${server.logFile}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(Math.min(100 * attempt, 500));
  }
  throw new Error(`${server.name} did not answer ${url} within ${timeoutMs / 1000} s; see ${server.logFile}`);
}
