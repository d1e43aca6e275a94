/** How one recorded value reads: text as it is, nothing as a dash, anything else as JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * What an audited change did, field by field: "role: Customer → Staff". Entries with no
 * before/after (sign-ins and other events) show their details, if any.
 */
export function FieldChanges({
  before,
  after,
  details,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details?: Record<string, unknown>;
}) {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const extra = Object.entries(details ?? {});
  if (fields.length === 0 && extra.length === 0) return <span className="text-gray-500">—</span>;
  return (
    <dl className="space-y-1">
      {fields.map((field) => (
        <div key={field} className="flex flex-wrap gap-x-2">
          <dt className="font-medium">{field}:</dt>
          <dd>
            {before && <del className="text-gray-500">{show(before[field])}</del>}
            {before && after && (
              <span aria-hidden="true" className="px-1">
                →
              </span>
            )}
            {after && (
              <>
                <span className="sr-only"> became </span>
                <ins className="no-underline">{show(after[field])}</ins>
              </>
            )}
          </dd>
        </div>
      ))}
      {extra.map(([key, value]) => (
        <div key={`details-${key}`} className="flex flex-wrap gap-x-2 text-gray-600">
          <dt>{key}:</dt>
          <dd>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
