export { readMediaEnv } from "./env.ts";
export { drawPlaceholder, isPlaceholderKey, readOrDrawPicture } from "./placeholder.ts";
export { localMediaStorage, mediaType, MEDIA_TYPES, type MediaStorage } from "./storage.ts";
