#!/bin/sh
# Prisma's CLI asks its native schema engine for a version before `generate`, and would
# download that engine otherwise. Generating the client needs no engine, so this answers for it.
# Migrations run through the WebAssembly engine instead (src/server/migrations.ts).
case "$1" in
  --version|-V) echo "schema-engine-cli stub (migrations use @prisma/schema-engine-wasm)" ;;
  *) echo "the native schema engine is not installed; use pnpm db:migrate / db:deploy" >&2; exit 1 ;;
esac
