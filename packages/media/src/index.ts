export { mediaStorageFromEnv, readMediaEnv } from "./env.ts";
export { s3MediaStorage } from "./s3-storage.ts";
export { drawPlaceholder, isPlaceholderKey, readOrDrawPicture } from "./placeholder.ts";
export {
  localMediaStorage,
  MediaUnavailableError,
  mediaType,
  MEDIA_TYPES,
  type MediaStorage,
} from "./storage.ts";
