import type { Route } from "next";
import Link from "next/link";

/** For a page opened from a mailed link that arrived without its token. */
export function LinkProblem({ retryHref, retryLabel }: { retryHref: Route; retryLabel: string }) {
  return (
    <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-800">
      <p>This link is incomplete. Open it again from the mail, or ask for a new one.</p>
      <p>
        <Link href={retryHref} className="font-medium underline">
          {retryLabel}
        </Link>
      </p>
    </div>
  );
}
