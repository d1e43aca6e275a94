// What the scanners found, in one shape: wapiti's report and sqlmap's log are parsed into
// findings, the narrow exclusions below are applied, and the run fails on anything of medium
// severity or above that is left.

/** wapiti's levels (wapitiCore/language/vulnerability.py); a sqlmap injection is critical. */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The least severity that fails the scan: wapiti level 2. */
export const FAILING_LEVEL = 2;

export interface Finding {
  tool: "wapiti" | "sqlmap" | "endpoint";
  /** wapiti's category ("Cross Site Scripting", "Internal Server Error", ...) or sqlmap's technique. */
  finding: string;
  /** 0 (info) to 4 (critical). */
  level: number;
  method: string;
  /** Path and query on the shop (or the full URL for sqlmap's targets). */
  url: string;
  parameter: string;
  info: string;
  /** Set when an exclusion below matched: why this one does not count. */
  excluded?: string;
}

export const severityOf = (level: number): Severity =>
  SEVERITIES[Math.max(0, Math.min(SEVERITIES.length - 1, Math.trunc(level)))] ?? "info";

/**
 * A finding known not to be a vulnerability, matched narrowly: one tool, one category, one path
 * (and parameter where given). Each says why. Nothing here may match a whole module.
 */
export interface Exclusion {
  tool: Finding["tool"];
  finding: string;
  path: RegExp;
  parameter?: string;
  reason: string;
}

export const EXCLUSIONS: readonly Exclusion[] = [];

const pathOf = (url: string) => {
  try {
    return new URL(url, "http://shop.invalid").pathname;
  } catch {
    return url;
  }
};

export function applyExclusions(
  findings: Finding[],
  exclusions: readonly Exclusion[] = EXCLUSIONS,
): Finding[] {
  return findings.map((finding) => {
    const match = exclusions.find(
      (exclusion) =>
        exclusion.tool === finding.tool &&
        exclusion.finding === finding.finding &&
        exclusion.path.test(pathOf(finding.url)) &&
        (exclusion.parameter === undefined || exclusion.parameter === finding.parameter),
    );
    return match ? { ...finding, excluded: match.reason } : finding;
  });
}

export const failing = (findings: Finding[]) =>
  findings.filter((finding) => !finding.excluded && finding.level >= FAILING_LEVEL);

/** Most severe first; excluded ones after the rest of their level. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      b.level - a.level ||
      Number(!!a.excluded) - Number(!!b.excluded) ||
      a.tool.localeCompare(b.tool) ||
      a.finding.localeCompare(b.finding) ||
      a.url.localeCompare(b.url),
  );
}

const clip = (text: string, width: number) =>
  text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;

/** A plain-text table: tool, finding, severity, method and URL, parameter. */
export function formatFindings(findings: Finding[]): string {
  if (findings.length === 0) return "(no findings at any level)";
  const rows = sortFindings(findings).map((finding) => [
    finding.tool,
    clip(finding.finding, 34),
    `${severityOf(finding.level)} (${finding.level})${finding.excluded ? " excluded" : ""}`,
    clip(`${finding.method} ${finding.url}`, 70),
    clip(finding.parameter || "-", 24),
  ]);
  const header = ["tool", "finding", "severity (level)", "request", "parameter"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The details under the table: each finding's message, and why an excluded one does not count. */
export function formatDetails(findings: Finding[]): string {
  return sortFindings(findings)
    .map((finding, index) => {
      const lines = [
        `${index + 1}. [${finding.tool}] ${finding.finding}, ${severityOf(finding.level)}: ${finding.method} ${finding.url}${finding.parameter ? ` (${finding.parameter})` : ""}`,
      ];
      if (finding.info) lines.push(`   ${finding.info.replace(/\s*\n\s*/g, " ").slice(0, 400)}`);
      if (finding.excluded) lines.push(`   excluded: ${finding.excluded}`);
      return lines.join("\n");
    })
    .join("\n");
}
