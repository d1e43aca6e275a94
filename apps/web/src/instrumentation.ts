// Runs once when the server starts. The check lives in a Node-only module: this file is also
// compiled for the Edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseBadConfiguration } = await import("./server/check-config");
    refuseBadConfiguration();
  }
}
