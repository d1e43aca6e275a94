import type { ReactNode } from "react";

/**
 * A refusal to show (a 409 from the cart, say), with anything that helps after it: the alert
 * region is always in the page, so assistive technology announces the message when it arrives.
 */
export function ProblemAlert({
  message,
  children,
}: {
  message: string | null | undefined;
  children?: ReactNode;
}) {
  return (
    <div role="alert">
      {message && (
        <div className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p>{message}</p>
          {children}
        </div>
      )}
    </div>
  );
}
