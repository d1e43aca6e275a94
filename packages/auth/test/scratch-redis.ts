// A Redis server of the test's own on a free loopback port, for outage tests: stop it, start it
// again on the same port. The machine's Redis is never touched. Like a restart without
// persistence, a restart forgets every key.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

const HOST = "127.0.0.1";
const WAIT_MS = 5_000;

/** A loopback port nothing listens on (now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, "listening");
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface ScratchRedis {
  url: string;
  port: number;
  /** Start it (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stop it; resolves once the process has exited. SIGKILL is a crash: nothing is answered. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Pause it (SIGSTOP): connections stay open and nothing is answered, as in a frozen server. */
  freeze(): void;
}

/** Not started yet: call `start()`, or leave it down to test a Redis that is not there. */
export async function scratchRedis(extraArgs: readonly string[] = []): Promise<ScratchRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    url: `redis://${HOST}:${port}`,
    port,
    async start() {
      if (child) return;
      const started = spawn(
        "redis-server",
        ["--port", String(port), "--bind", HOST, "--save", "", "--appendonly", "no", ...extraArgs],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      child = started;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`redis-server not ready within ${WAIT_MS} ms`)),
          WAIT_MS,
        );
        let output = "";
        started.stdout?.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Ready to accept connections")) {
            clearTimeout(timer);
            started.stdout?.removeAllListeners("data").resume();
            resolve();
          }
        });
        started.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`redis-server exited (${code}): ${output}`));
        });
      });
    },
    async stop(signal = "SIGTERM") {
      const running = child;
      if (!running) return;
      child = undefined;
      if (running.exitCode !== null) return;
      const exited = once(running, "exit");
      running.kill(signal);
      // A frozen server takes SIGTERM only once it runs again.
      running.kill("SIGCONT");
      const timer = setTimeout(() => running.kill("SIGKILL"), WAIT_MS);
      await exited;
      clearTimeout(timer);
    },
    freeze() {
      child?.kill("SIGSTOP");
    },
  };
}
