// Violation reports from browsers, in both formats they send: the older `report-uri` one
// (application/csp-report) and the Reporting API's (application/reports+json, a list). Anyone
// can post here, so a report is bounded in size, counted per address, and reduced to the few
// fields worth logging, with query strings cut off (a page's URL may hold a token).
import { z } from "zod";

/** A browser sends one report, or a batch of a few; nothing real comes near this. */
export const MAX_REPORT_BYTES = 32 * 1024;
/** Reports a client address may send per minute before it is told to wait. */
export const REPORTS_PER_MINUTE = 30;

const text = z.string().max(4096).optional();
const count = z.number().int().nonnegative().optional();

const legacyReport = z.object({
  "csp-report": z.object({
    "document-uri": text,
    "violated-directive": text,
    "effective-directive": text,
    "blocked-uri": text,
    "source-file": text,
    "line-number": count,
    "script-sample": text,
    disposition: text,
  }),
});

const reportingApiBatch = z
  .array(
    z.object({
      type: z.string().max(64),
      body: z
        .object({
          documentURL: text,
          effectiveDirective: text,
          blockedURL: text,
          sourceFile: text,
          lineNumber: count,
          sample: text,
          disposition: text,
        })
        .optional(),
    }),
  )
  .max(100);

export interface Violation {
  directive: string | null;
  blocked: string | null;
  document: string | null;
  source: string | null;
  line: number | null;
  sample: string | null;
  disposition: string | null;
}

/** A URL without its query and fragment; keywords such as "inline" or "eval" stay as they are. */
function withoutQuery(value: string | undefined): string | null {
  if (!value) return null;
  return value.replace(/[?#].*$/, "").slice(0, 512);
}

export type ReportParse = { ok: true; violations: Violation[] } | { ok: false; status: 400 | 415 };

/** The violations a request's body describes, by its content type. */
export function parseCspReport(contentType: string, body: string): ReportParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400 };
  }
  if (contentType === "application/csp-report") {
    const parsed = legacyReport.safeParse(json);
    if (!parsed.success) return { ok: false, status: 400 };
    const report = parsed.data["csp-report"];
    return {
      ok: true,
      violations: [
        {
          directive: report["effective-directive"] ?? report["violated-directive"] ?? null,
          blocked: withoutQuery(report["blocked-uri"]),
          document: withoutQuery(report["document-uri"]),
          source: withoutQuery(report["source-file"]),
          line: report["line-number"] ?? null,
          sample: report["script-sample"]?.slice(0, 80) ?? null,
          disposition: report.disposition ?? null,
        },
      ],
    };
  }
  if (contentType === "application/reports+json") {
    const parsed = reportingApiBatch.safeParse(json);
    if (!parsed.success) return { ok: false, status: 400 };
    return {
      ok: true,
      violations: parsed.data.flatMap(({ type, body: report }) =>
        type === "csp-violation" && report
          ? [
              {
                directive: report.effectiveDirective ?? null,
                blocked: withoutQuery(report.blockedURL),
                document: withoutQuery(report.documentURL),
                source: withoutQuery(report.sourceFile),
                line: report.lineNumber ?? null,
                sample: report.sample?.slice(0, 80) ?? null,
                disposition: report.disposition ?? null,
              },
            ]
          : [],
      ),
    };
  }
  return { ok: false, status: 415 };
}
