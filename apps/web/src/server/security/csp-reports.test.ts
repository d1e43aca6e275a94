import { describe, expect, it } from "vitest";

import { parseCspReport } from "./csp-reports";

describe("CSP violation reports", () => {
  it("reads the report-uri format, keeping no query string", () => {
    const body = JSON.stringify({
      "csp-report": {
        "document-uri": "https://shop.example/reset-password?token=secret",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 3,
        "script-sample": "alert(1)",
      },
    });
    expect(parseCspReport("application/csp-report", body)).toEqual({
      ok: true,
      violations: [
        {
          directive: "script-src-elem",
          blocked: "inline",
          document: "https://shop.example/reset-password",
          source: null,
          line: 3,
          sample: "alert(1)",
          disposition: null,
        },
      ],
    });
  });

  it("reads a Reporting API batch, skipping other kinds of report", () => {
    const body = JSON.stringify([
      {
        type: "csp-violation",
        body: {
          documentURL: "https://shop.example/?q=1",
          effectiveDirective: "style-src-attr",
          blockedURL: "inline",
          disposition: "enforce",
        },
      },
      { type: "deprecation", body: { id: "x" } },
    ]);
    const parsed = parseCspReport("application/reports+json", body);
    expect(parsed.ok && parsed.violations).toEqual([
      {
        directive: "style-src-attr",
        blocked: "inline",
        document: "https://shop.example/",
        source: null,
        line: null,
        sample: null,
        disposition: "enforce",
      },
    ]);
  });

  it.each([
    ["not JSON", "application/csp-report", "{", 400],
    ["the wrong shape", "application/csp-report", '{"x":1}', 400],
    [
      "too many reports",
      "application/reports+json",
      JSON.stringify(Array(101).fill({ type: "csp-violation" })),
      400,
    ],
    ["another type", "application/json", "{}", 415],
  ])("refuses %s", (_, type, body, status) => {
    expect(parseCspReport(type, body)).toEqual({ ok: false, status });
  });
});
