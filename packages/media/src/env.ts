import path from "node:path";

import { readDbEnv } from "@bazaar/db/env";
import { z } from "zod";

/** Where pictures are stored: MEDIA_DIR, or `media/` in the data folder beside the database. */
export function readMediaEnv(source: Record<string, string | undefined> = process.env): {
  MEDIA_DIR: string;
} {
  const parsed = z.object({ MEDIA_DIR: z.string().min(1).optional() }).parse(source);
  return { MEDIA_DIR: parsed.MEDIA_DIR ?? path.join(readDbEnv(source).BAZAAR_DATA_DIR, "media") };
}
