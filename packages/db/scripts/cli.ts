// Shared by the db scripts: readable failures (no stack trace for a problem the user can fix).
import { ConfigError } from "../src/env.ts";

export const log = (line: string) => console.log(`[db] ${line}`);

/** Run a script's body; exit explicitly, because the WebAssembly engine keeps the event loop alive. */
export function runScript(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[db] ${error instanceof ConfigError ? "" : "failed: "}${message}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}
