// Migrations through Prisma's schema engine compiled to WebAssembly: the native engine that
// `prisma migrate` downloads cannot be fetched on an offline machine (docs/decisions/0002).
// Migration folders keep Prisma's standard layout, so `prisma migrate deploy` works wherever the
// native engine is available, and both keep the same `_prisma_migrations` table.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { Logger, runMigrations as installJobQueue } from "graphile-worker";

import { createDatabase, dropDatabase, withDatabase } from "./admin.ts";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the schema and its migrations live; tests point these at copies. */
export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}
const defaultPaths: MigrationPaths = {
  schemaPath: path.join(packageRoot, "prisma/schema.prisma"),
  migrationsDir: path.join(packageRoot, "prisma/migrations"),
};
const noFilters = { externalTables: [], externalEnums: [] };

// Node has WebAssembly built in, but TypeScript declares it only in the DOM library.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
};

let wasmReady: Promise<void> | undefined;

/** Node cannot `import` a .wasm file, so the module is instantiated by hand and given to its glue. */
function loadEngine(): Promise<void> {
  wasmReady ??= (async () => {
    // The engine reports a Rust panic through this global before it throws.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => console.error(`[db] schema engine panicked: ${message}`),
    };
    // createRequire rather than import.meta.resolve: Vitest's module runner lacks the latter.
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const module = await WebAssembly.compile(await readFile(wasmPath));
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": engineGlue });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

const PG_INTERNAL_CHAR = 18;
const PG_TEXT = 25;

/**
 * The pg adapter splits scripts on every ";", which breaks function bodies and string literals.
 * PostgreSQL runs a multi-statement script in one simple query, so send it whole.
 */
function migrationAdapter(url: string): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  closeAll(): Promise<void>;
} {
  // The engine does not release its connections when freed: keep them to close ourselves, or
  // they hold the database open (and a template database cannot be copied while in use).
  const open = new Set<{ dispose(): Promise<void> }>();
  const connect = async (connectionString: string) => {
    const adapter = await new PrismaPg({ connectionString, max: 2 }).connect();
    const disposeOnce = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await disposeOnce();
    };
    open.add(adapter);
    const pool = adapter.underlyingDriver();
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult | pg.QueryResult[]>;
    adapter.executeScript = async (script: string) => {
      try {
        await query(script);
      } catch (error) {
        // The engine reports only "external connector error"; say what PostgreSQL said.
        console.error(`[db] migration SQL failed: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };
    // Describing constraints reads pg_catalog columns of PostgreSQL's internal one-byte type
    // "char", which the adapter cannot map and the engine expects as a character: report them as
    // text to the adapter, then as characters to the engine. Rows are matched by identity.
    const charColumns = new WeakMap<unknown[], number[]>();
    (pool as { query: unknown }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      for (const part of Array.isArray(result) ? result : [result]) {
        const indexes = part.fields.flatMap((field, i) => (field.dataTypeID === PG_INTERNAL_CHAR ? [i] : []));
        if (indexes.length === 0) continue;
        for (const i of indexes) (part.fields[i] as { dataTypeID: number }).dataTypeID = PG_TEXT;
        charColumns.set(part.rows, indexes);
      }
      return result;
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (sqlQuery) => {
      const result = await queryRaw(sqlQuery);
      for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
      return result;
    };
    return adapter;
  };
  const base = new PrismaPg({ connectionString: url });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => connect(url),
    // A scratch database on the same server, dropped when the engine lets go of it.
    connectToShadowDb: async () => {
      const shadowUrl = await createDatabase(url, `bazaar_shadow_${Date.now().toString(36)}`);
      const adapter = await connect(shadowUrl);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await dropDatabase(shadowUrl);
      };
      return adapter;
    },
  };
  return {
    factory,
    closeAll: async () => {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
  };
}

/** The engine bound to `url`; `close` frees it and every connection it opened. */
async function openEngine(url: string, { schemaPath }: MigrationPaths) {
  await loadEngine();
  const schema = await readFile(schemaPath, "utf8");
  const adapter = migrationAdapter(url);
  const engine: SchemaEngine = await engineGlue.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapter.factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await adapter.closeAll();
    },
  };
}

async function readMigrationList({ migrationsDir }: MigrationPaths): Promise<MigrationList> {
  await mkdir(migrationsDir, { recursive: true });
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(name, "migration.sql");
        const content = await readFile(path.join(migrationsDir, file), "utf8");
        return { path: name, migrationFile: { path: file, content: { tag: "ok" as const, value: content } } };
      }),
    ),
  };
}

/**
 * Apply every migration not yet recorded in `_prisma_migrations`, then bring the job queue's own
 * schema (`graphile_worker`, versioned by the library) up to date; returns the names applied.
 * Both are in place before anything runs, so an order's transaction can always enqueue its jobs.
 */
export async function applyMigrations(url: string, paths = defaultPaths): Promise<string[]> {
  const { engine, close } = await openEngine(url, paths);
  let applied: string[];
  try {
    const result = await engine.applyMigrations({
      migrationsList: await readMigrationList(paths),
      filters: noFilters,
    });
    applied = result.appliedMigrationNames;
  } finally {
    await close();
  }
  await installJobQueue({ connectionString: url, logger: silent });
  return applied;
}

/** The queue's installer logs each of its steps at info level; failures still throw. */
const silent = new Logger(() => () => undefined);

/**
 * Write a new migration holding the SQL that takes the migration history to the current
 * schema (replayed in a shadow database). Returns its folder name, or null when nothing changed.
 */
export async function createMigration(
  url: string,
  name: string,
  paths = defaultPaths,
): Promise<string | null> {
  const { schemaPath, migrationsDir } = paths;
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lock)) {
    await mkdir(migrationsDir, { recursive: true });
    await writeFile(lock, '# Written by pnpm db:migrate; keep it in git.\nprovider = "postgresql"\n');
  }
  const { engine, close } = await openEngine(url, paths);
  try {
    const migrationsList = await readMigrationList(paths);
    const schema = await readFile(schemaPath, "utf8");
    const diff = await engine.diff({
      from:
        migrationsList.migrationDirectories.length > 0
          ? { tag: "migrations", ...migrationsList }
          : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = diff.stdout?.trim() ?? "";
    if (sql === "" || sql === "-- This is an empty migration.") return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = `${stamp}_${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "")}`;
    await mkdir(path.join(migrationsDir, folder), { recursive: true });
    await writeFile(path.join(migrationsDir, folder, "migration.sql"), `${sql}\n`);
    return folder;
  } finally {
    await close();
  }
}

/** True when the database has a `_prisma_migrations` table, i.e. it was migrated once. */
export function isMigrated(url: string): Promise<boolean> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ exists: boolean }>(
      "select to_regclass('public._prisma_migrations') is not null as exists",
    );
    return rows[0]?.exists ?? false;
  });
}
