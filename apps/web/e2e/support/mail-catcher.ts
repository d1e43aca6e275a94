// The shop's outgoing mail during end-to-end tests: a real SMTP server the app delivers to
// (SMTP_URL=smtp://127.0.0.1:3102), and a small HTTP API the tests read the messages from.
// Playwright starts it (playwright.config.ts, webServer) and stops it with SIGTERM.
//
//   GET /health                  200 once both servers listen
//   GET /messages?to=<address>   the messages sent to that address (all, without `to`), newest first
import { createServer as createHttpServer } from "node:http";
import { startSmtpCatcher } from "@bazaar/mail/testing";

const HOST = "127.0.0.1";
const SMTP_PORT = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 3102);
const HTTP_PORT = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 3103);
/** A run sends a few dozen messages; the oldest are dropped past this, so memory stays bounded. */
const KEEP = 5_000;

const catcher = await startSmtpCatcher({ port: SMTP_PORT });

const api = createHttpServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://${HOST}`);
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    response.end(JSON.stringify(body));
  };
  if (request.method !== "GET") return send(405, { error: "GET only" });
  if (url.pathname === "/health") return send(200, { status: "ok" });
  if (url.pathname === "/messages") {
    if (catcher.messages.length > KEEP) catcher.messages.splice(0, catcher.messages.length - KEEP);
    const to = url.searchParams.get("to")?.trim().toLowerCase();
    const messages = catcher.messages
      .filter((message) => !to || message.to.some((address) => address.toLowerCase() === to))
      .reverse();
    return send(200, messages);
  }
  return send(404, { error: "not found" });
});

const listen = (server: { listen(port: number, host: string, done: () => void): unknown }, port: number) =>
  new Promise<void>((resolve) => server.listen(port, HOST, resolve));
await listen(api, HTTP_PORT);
console.log(`mail catcher: SMTP on ${HOST}:${SMTP_PORT}, messages at http://${HOST}:${HTTP_PORT}/messages`);

function stop() {
  api.close();
  void catcher.close().finally(() => process.exit(0));
  // Open SMTP connections (the app's pooled mailer) would keep the server up: do not wait for them.
  setTimeout(() => process.exit(0), 1_000).unref();
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
