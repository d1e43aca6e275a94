import { describe, expect, it } from "vitest";

import { MAX_REPORT_BYTES, REPORTS_PER_MINUTE } from "~/server/security/csp-reports";

import { POST } from "./route";

const report = JSON.stringify({
  "csp-report": { "effective-directive": "script-src-elem", "blocked-uri": "inline" },
});

function post(body: string, headers: Record<string, string>) {
  return POST(
    new Request("http://shop.test/api/csp-report", {
      method: "POST",
      headers: { "content-length": String(Buffer.byteLength(body)), ...headers },
      body,
    }),
  );
}

describe("POST /api/csp-report", () => {
  it("takes a report with 204, and refuses what is not one", async () => {
    const from = { "x-forwarded-for": "192.0.2.10" };
    expect((await post(report, { ...from, "content-type": "application/csp-report" })).status).toBe(204);
    expect((await post("[]", { ...from, "content-type": "application/reports+json" })).status).toBe(204);
    expect((await post(report, { ...from, "content-type": "text/plain" })).status).toBe(415);
    expect((await post("{", { ...from, "content-type": "application/csp-report" })).status).toBe(400);
  });

  it("is bounded in size, and must say its size", async () => {
    const from = { "x-forwarded-for": "192.0.2.11", "content-type": "application/csp-report" };
    expect((await post("x".repeat(MAX_REPORT_BYTES + 1), from)).status).toBe(413);
    const unsized = new Request("http://shop.test/api/csp-report", {
      method: "POST",
      headers: from,
      body: report,
    });
    expect((await POST(unsized)).status).toBe(411);
  });

  it("counts each address, and tells one that sends too many when to come back", async () => {
    const from = { "x-forwarded-for": "192.0.2.12", "content-type": "application/csp-report" };
    const answers = [];
    for (let i = 0; i < REPORTS_PER_MINUTE + 2; i++) answers.push(await post(report, from));
    expect(answers.slice(0, REPORTS_PER_MINUTE).every((a) => a.status === 204)).toBe(true);
    const refused = answers.at(-1);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not held back by it.
    expect((await post(report, { ...from, "x-forwarded-for": "192.0.2.13" })).status).toBe(204);
  });
});
