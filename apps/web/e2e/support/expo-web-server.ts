// Serves the phone app's web build (apps/mobile/dist/web, from `expo export --platform web`) the
// way a phone reaches the shop: one origin, whose /api, /media and the test provider's /pay pages
// are the shop's (proxied to the app under test, headers but cookies and bodies as they are, responses
// streamed so server-sent events arrive live), and every other path is the app's single page.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, request } from "node:http";
import path from "node:path";

const port = Number(process.env.EXPO_WEB_PORT);
const shop = new URL(process.env.EXPO_WEB_SHOP_ORIGIN ?? "");
const root = path.resolve(process.env.EXPO_WEB_DIR ?? "");
if (!port || !existsSync(path.join(root, "index.html"))) {
  throw new Error(`EXPO_WEB_PORT and a built EXPO_WEB_DIR are required (looked in ${root})`);
}

/** What the shop serves; the rest is the app's. */
const SHOP_PATHS = /^\/(?:api|media|pay|_next)\//;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
};

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://app.invalid");
  if (SHOP_PATHS.test(url.pathname)) {
    // A phone app holds no browser cookies: the shop's, set on this host for another port (an
    // OAuth sign-in in the popup), would otherwise ride along. The app sends its bearer token.
    const { cookie: _browserCookies, ...headers } = req.headers;
    const upstream = request(
      { host: shop.hostname, port: shop.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
    return;
  }
  // A file of the build, else the single page (expo-router draws the route in the browser).
  let file = "";
  try {
    file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
  } catch {
    // A malformed %-escape names no file: the page handles the route.
  }
  const isFile = file.startsWith(root + path.sep) && existsSync(file) && statSync(file).isFile();
  const served = isFile ? file : path.join(root, "index.html");
  res.writeHead(200, { "content-type": TYPES[path.extname(served)] ?? "application/octet-stream" });
  createReadStream(served).pipe(res);
}).listen(port, "127.0.0.1");
