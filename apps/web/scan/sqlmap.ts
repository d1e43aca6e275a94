// sqlmap 1.7 (Debian's package): the command line for one parameterised endpoint, and what its
// output says (each injection point it confirmed, the error statuses it met, or why it stopped).
import type { Finding } from "./findings.ts";

export interface SqlmapTarget {
  name: string;
  /** The full URL; a `*` in it marks the one injection point (inside a JSON value, say). */
  url: string;
  /** The parameters to test (without a `*` marker). */
  parameters?: string[];
  headers?: Record<string, string>;
}

export function sqlmapArgs(target: SqlmapTarget, outputDir: string): string[] {
  return [
    "--url",
    target.url,
    ...(target.parameters ? ["-p", target.parameters.join(",")] : []),
    ...(target.headers
      ? [
          "--headers",
          Object.entries(target.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join("\n"),
        ]
      : []),
    // Never ask: every question gets its default answer.
    "--batch",
    // Level 2 adds boundaries and payloads beyond the basic set; risk 2 adds heavier time-based
    // queries, not risk 3's OR payloads (which could touch every row of an UPDATE).
    "--level",
    "2",
    "--risk",
    "2",
    // The shop runs on PostgreSQL: payloads for other engines would only cost time.
    "--dbms",
    "PostgreSQL",
    "--timeout",
    "10",
    "--retries",
    "1",
    "--threads",
    "2",
    // Time-based tests wait this long for a delay; the app on two busy cores answers well under it.
    "--time-sec",
    "3",
    // There is no WAF to detect; its probe only adds requests.
    "--skip-waf",
    "--flush-session",
    "--output-dir",
    outputDir,
    "--disable-coloring",
    "-v",
    "1",
  ];
}

export interface SqlmapOutcome {
  findings: Finding[];
  /** sqlmap tested and found nothing ("all tested parameters do not appear to be injectable"). */
  cleanFinish: boolean;
  /** Why the run does not count as a test (connection refused, an aborted run...). */
  problems: string[];
  /** "400 (Bad Request) - 82 times", as sqlmap counts them. */
  statusCounts: string[];
}

/** The `log` file sqlmap writes per host: each confirmed injection point and its techniques. */
function injectionPoints(log: string): { parameter: string; place: string; types: string[] }[] {
  const points: { parameter: string; place: string; types: string[] }[] = [];
  let current: { parameter: string; place: string; types: string[] } | undefined;
  for (const line of log.split("\n")) {
    const parameter = /^Parameter: (.+) \(([^)]+)\)\s*$/.exec(line);
    if (parameter) {
      current = { parameter: parameter[1] ?? "", place: parameter[2] ?? "", types: [] };
      points.push(current);
      continue;
    }
    const type = /^\s+Type: (.+)$/.exec(line);
    if (type && current) current.types.push(type[1] ?? "");
  }
  return points;
}

export function parseSqlmapRun(target: SqlmapTarget, stdout: string, log: string): SqlmapOutcome {
  const findings: Finding[] = injectionPoints(log).map((point) => ({
    tool: "sqlmap",
    finding: "SQL injection",
    level: 4,
    method: "GET",
    url: target.url,
    parameter: `${point.parameter} (${point.place})`,
    info: `${target.name}: ${point.types.join("; ")}`,
  }));
  // Injectable parameters sqlmap reported on stdout but did not write to the log (say, cut short).
  for (const match of stdout.matchAll(/parameter '([^']+)' (?:is|appears to be) '([^']+)' injectable/g)) {
    const parameter = match[1] ?? "";
    if (!findings.some((finding) => finding.parameter.startsWith(`${parameter} `))) {
      findings.push({
        tool: "sqlmap",
        finding: "SQL injection",
        level: 4,
        method: "GET",
        url: target.url,
        parameter,
        info: `${target.name}: ${match[2] ?? ""}`,
      });
    }
  }

  const statusCounts = [...stdout.matchAll(/^(\d{3} \([^)]+\) - \d+ times)$/gm)].map(
    (match) => match[1] ?? "",
  );
  // A payload that makes the app fail is a bug (bad input is a 4xx here, never a 500), and the
  // same class of finding wapiti reports as "Internal Server Error" at its high level.
  for (const count of statusCounts.filter((line) => line.startsWith("5"))) {
    findings.push({
      tool: "sqlmap",
      finding: "Internal Server Error",
      level: 3,
      method: "GET",
      url: target.url,
      parameter: target.parameters?.join(",") ?? "*",
      info: `${target.name}: sqlmap's payloads were answered ${count}`,
    });
  }

  const cleanFinish = stdout.includes("all tested parameters do not appear to be injectable");
  const problems = [...stdout.matchAll(/\[CRITICAL\] (.+)/g)]
    .map((match) => match[1] ?? "")
    .filter((line) => !line.includes("all tested parameters do not appear to be injectable"));
  if (!cleanFinish && findings.every((finding) => finding.finding !== "SQL injection")) {
    problems.push("sqlmap ended without a verdict (neither an injection nor “not injectable”)");
  }
  return { findings, cleanFinish, problems, statusCounts };
}
