import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** What a stored file is served as, by its extension: only pictures are stored. */
export const MEDIA_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  avif: "image/avif",
} as const;

// Lower-case path segments of letters, digits, `-` and `_`, and a picture extension: no `..`, no
// dot-files, no absolute paths, nothing a URL could smuggle out of the media folder.
const KEY = /^(?:[a-z0-9][a-z0-9_-]{0,99}\/){0,4}[a-z0-9][a-z0-9_-]{0,149}\.(png|jpe?g|webp|avif)$/;

/** The content type for a well-formed key, or null for anything that is not one. */
export function mediaType(key: string): string | null {
  const extension = KEY.exec(key)?.[1];
  return extension ? MEDIA_TYPES[extension as keyof typeof MEDIA_TYPES] : null;
}

/** The storage could not be reached or refused the request: try again later (a 503, never a 500). */
export class MediaUnavailableError extends Error {
  constructor(cause: unknown) {
    super("media storage is unavailable", { cause });
    this.name = "MediaUnavailableError";
  }
}

/** Where pictures live: a folder under the data folder by default; a bucket could stand in later. */
export interface MediaStorage {
  /** The file's bytes, or null when there is none (or the key is malformed). */
  read(key: string): Promise<Buffer | null>;
  /** Store the bytes under `key`, replacing any earlier file whole (readers never see half). */
  write(key: string, bytes: Uint8Array): Promise<void>;
  /** Remove the file under `key`; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

export function localMediaStorage(root: string): MediaStorage {
  const resolve = (key: string) => {
    if (!mediaType(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
    return path.join(root, ...key.split("/"));
  };
  return {
    async read(key) {
      if (!mediaType(key)) return null;
      try {
        return await readFile(resolve(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async write(key, bytes) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write beside it, then rename: two writers of the same key never interleave.
      const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async delete(key) {
      // `force`: a file already gone (deleted twice, never drawn) is not an error.
      await rm(resolve(key), { force: true });
    },
  };
}
