// How the webhook pages show times and a delivery's state.

const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A moment in UTC, to the second for deliveries and tries, to the minute for what people made. */
export function When({ at, precise = false }: { at: Date | null; precise?: boolean }) {
  if (!at) return <>—</>;
  return <time dateTime={at.toISOString()}>{(precise ? exact : short).format(at)} UTC</time>;
}

export type DeliveryStatus = "PENDING" | "SUCCEEDED" | "FAILED";

export const DELIVERY_STATUS_NAMES: Record<DeliveryStatus, string> = {
  PENDING: "Pending",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
};

const STATUS_STYLES: Record<DeliveryStatus, string> = {
  PENDING: "bg-amber-50 text-amber-900",
  SUCCEEDED: "bg-green-50 text-green-900",
  FAILED: "bg-red-50 text-red-800",
};

/** "Succeeded", "Failed", or "Pending — next try at …" while it waits. */
export function DeliveryState({
  status,
  nextAttemptAt,
}: {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
}) {
  return (
    <span>
      <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_STYLES[status]}`}>
        {DELIVERY_STATUS_NAMES[status]}
      </span>
      {status === "PENDING" && nextAttemptAt && (
        <span className="text-gray-600">
          {" "}
          — next try at <When at={nextAttemptAt} precise />
        </span>
      )}
    </span>
  );
}
