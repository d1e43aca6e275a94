// wapiti's out-of-band endpoint, on loopback. Its ssrf module puts a URL of this server in every
// parameter (`/ssrf/<session>/<path id>/<parameter as hex>/`) and, at the end, asks
// `/get_ssrf.php?id=<session>` which of them the target fetched. wapiti's default endpoint is
// wapiti3.ovh on the internet, which these machines cannot reach (and the shop must not be made
// to call); this one answers in the same format. Any other request that reaches it (a remote file
// include from the file module, say) is recorded too: the shop never has a reason to call it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface EndpointHit {
  method: string;
  url: string;
  date: string;
  ip: string;
}

export interface OutOfBandEndpoint {
  /** With a trailing slash, as `wapiti --endpoint` wants it. */
  url: string;
  /** Every request but wapiti's own questions for results. */
  hits: EndpointHit[];
  close(): Promise<void>;
}

const SSRF_PATH = /^\/ssrf\/([a-z0-9]+)\/(\d+)\/([0-9a-f]+)\//;

export async function startOutOfBandEndpoint(): Promise<OutOfBandEndpoint> {
  const hits: EndpointHit[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://endpoint.invalid");
    if (url.pathname === "/get_ssrf.php") {
      // { "<path id>": { "<parameter as hex>": [ { url, date, ip, method } ] } } for this session.
      const session = url.searchParams.get("id") ?? "";
      const results: Record<string, Record<string, EndpointHit[]>> = {};
      for (const hit of hits) {
        const match = SSRF_PATH.exec(new URL(hit.url, "http://endpoint.invalid").pathname);
        if (match?.[1] !== session) continue;
        const [, , pathId = "", hexParameter = ""] = match;
        ((results[pathId] ??= {})[hexParameter] ??= []).push(hit);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(results));
      return;
    }
    hits.push({
      method: request.method ?? "GET",
      url: request.url ?? "/",
      date: new Date().toISOString(),
      ip: request.socket.remoteAddress ?? "",
    });
    request.resume();
    response.writeHead(204);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
