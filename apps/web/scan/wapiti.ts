// wapiti 3.0 (Debian's package): the command line for one scan of the shop, and its JSON report
// read back as findings.
import type { Finding } from "./findings.ts";

/**
 * The attack modules, and why each is here. Left out: backup, buster, nikto (guess file names,
 * and nikto and wapp need databases downloaded from the internet), brute_login_form (sign-in is
 * rate limited and the seeded passwords are public anyway), shellshock and htaccess (CGI and
 * Apache), xxe (no endpoint of the shop parses XML), csrf (it looks for a token field in each
 * form; the shop's forms are protected by the Origin / Sec-Fetch-Site check in proxy.ts,
 * decision 0031, which a form's fields cannot show), wapp (fingerprinting, no finding).
 */
export const WAPITI_MODULES = [
  // Reflected and stored cross-site scripting: search words, filters and forms echo input.
  "xss",
  "permanentxss",
  // SQL injection, by the errors it provokes and by time (blindsql is 3.0's "timesql").
  "sql",
  "blindsql",
  // Command and code execution, path traversal and file inclusion, header injection.
  "exec",
  "file",
  "crlf",
  // Open redirects (sign-in's callbackUrl, the payment page's return) and server-side requests.
  "redirect",
  "ssrf",
  // What every response should carry (proxy.ts): CSP, security headers, cookie flags, methods.
  "csp",
  "http_headers",
  "cookieflags",
  "methods",
] as const;

export interface WapitiRun {
  /** The scope's base, with a trailing slash: wapiti's `folder` scope is everything below it. */
  base: string;
  /** Where crawling starts besides the base: URLs with the parameters that exist. */
  seeds: string[];
  /** URLs (wildcards allowed) never requested. */
  exclude: string[];
  /** Extra request headers (an API key for the REST run). */
  headers?: Record<string, string>;
  /** The out-of-band endpoint's URL (endpoint.ts). */
  endpoint: string;
  reportFile: string;
  sessionDir: string;
  /** 0: the seeds only. */
  depth: number;
  crawlSeconds: number;
  attackSeconds: number;
}

export function wapitiArgs(run: WapitiRun): string[] {
  return [
    "--url",
    run.base,
    "--scope",
    "folder",
    "--module",
    WAPITI_MODULES.join(","),
    ...run.seeds.flatMap((seed) => ["--start", seed]),
    ...run.exclude.flatMap((url) => ["--exclude", url]),
    ...Object.entries(run.headers ?? {}).flatMap(([name, value]) => ["--header", `${name}: ${value}`]),
    "--depth",
    String(run.depth),
    // 300 seeded products sit in /products/: a sample of them is enough, they are one template.
    "--max-files-per-dir",
    "12",
    "--max-links-per-page",
    "40",
    "--max-parameters",
    "12",
    "--scan-force",
    "normal",
    "--max-scan-time",
    String(run.crawlSeconds),
    "--max-attack-time",
    String(run.attackSeconds),
    "--timeout",
    "10",
    "--endpoint",
    run.endpoint,
    // A fresh crawl and fresh attacks every run, kept under .cache/scan.
    "--flush-session",
    "--store-session",
    run.sessionDir,
    "--format",
    "json",
    "--output",
    run.reportFile,
    "--verbose",
    "1",
    // Otherwise a module's crash is uploaded to wapiti3.ovh.
    "--no-bugreport",
  ];
}

interface WapitiEntry {
  method?: string;
  path?: string;
  info?: string;
  level?: number | string;
  parameter?: string;
  http_request?: string;
}

interface WapitiReport {
  vulnerabilities?: Record<string, WapitiEntry[]>;
  anomalies?: Record<string, WapitiEntry[]>;
  additionals?: Record<string, WapitiEntry[]>;
  infos?: { target?: string; version?: string };
}

/** The request line's target ("/search?q=..."), which the report's `path` lacks the query of. */
function requestTarget(entry: WapitiEntry): string {
  const firstLine = entry.http_request?.split("\n", 1)[0] ?? "";
  const target = /^\s*[A-Z]+ (\S+) HTTP\/[\d.]+/.exec(firstLine)?.[1];
  if (target) return target;
  const path = entry.path ?? "";
  try {
    const url = new URL(path);
    return url.pathname + url.search;
  } catch {
    return path;
  }
}

/** Every vulnerability, anomaly (errors, timeouts) and additional in a wapiti JSON report. */
export function parseWapitiReport(text: string, label = ""): Finding[] {
  const report = JSON.parse(text) as WapitiReport;
  const findings: Finding[] = [];
  const sections = [report.vulnerabilities, report.anomalies, report.additionals];
  for (const section of sections) {
    for (const [category, entries] of Object.entries(section ?? {})) {
      for (const entry of entries) {
        const level = Number(entry.level ?? 0);
        findings.push({
          tool: "wapiti",
          finding: category,
          level: Number.isFinite(level) ? level : 0,
          method: entry.method ?? "GET",
          url: requestTarget(entry),
          parameter: entry.parameter ?? "",
          info: label ? `${label}: ${entry.info ?? ""}` : (entry.info ?? ""),
        });
      }
    }
  }
  return findings;
}
