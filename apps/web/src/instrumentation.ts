// Runs once when the server starts. The work lives in Node-only modules: this file is also
// compiled for the Edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseBadConfiguration } = await import("./server/check-config");
    refuseBadConfiguration();
    const { listenForCatalogChanges } = await import("./server/read-cache/listen");
    listenForCatalogChanges();
    const { connectRedisAtStart } = await import("./server/redis");
    await connectRedisAtStart();
    const { startInProcessWorker } = await import("./server/worker");
    await startInProcessWorker();
  }
}
