// React Native's built-in fetch buffers the whole response; Expo's streams it, which the live
// order status (server-sent events) needs.
export { fetch as streamingFetch } from "expo/fetch";
