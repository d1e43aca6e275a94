import { useId } from "react";

/** A signing secret just made (a new endpoint's, or a rotation's), shown this once to copy. */
export function SecretOnce({ secret, label }: { secret: string; label: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-secret`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-secret`}
        readOnly
        value={secret}
        aria-describedby={`${id}-secret-hint`}
        className="w-full rounded-md border border-gray-300 bg-gray-50 px-3 py-2 font-mono text-sm"
      />
      <p id={`${id}-secret-hint`} className="text-sm text-gray-600">
        The receiver checks each delivery’s <code>bazaar-signature</code> header with it.
      </p>
    </div>
  );
}
