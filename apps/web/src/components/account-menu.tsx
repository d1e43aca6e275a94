// The signed-in part of the site header. It reads the session cookie, so the layout renders it
// inside a Suspense boundary: the rest of the header does not wait for it.
import Link from "next/link";

import { getSession } from "~/server/session";

import { SubmitButton } from "./form";
import { signOut } from "./sign-out-action";

const linkClass = "hover:text-brand-700";

export async function AccountMenu() {
  const session = await getSession();
  if (!session) {
    return (
      <li>
        <Link href="/sign-in" className={linkClass}>
          Sign in
        </Link>
      </li>
    );
  }
  return (
    <>
      {session.user.role !== "CUSTOMER" && (
        <li>
          <Link href="/admin" className={linkClass}>
            Admin
          </Link>
        </li>
      )}
      <li>
        <Link href="/account" className={linkClass}>
          Account
        </Link>
      </li>
      <li>
        <form action={signOut}>
          <SubmitButton variant="secondary" className="px-3 py-1 text-sm">
            Sign out
          </SubmitButton>
        </form>
      </li>
    </>
  );
}

/**
 * Shown until the session is known: a link that suits everyone (the account page sends the
 * signed-out to sign in), so the header works even where the streamed part never swaps in.
 */
export function AccountMenuFallback() {
  return (
    <li>
      <Link href="/account" className={linkClass}>
        Account
      </Link>
    </li>
  );
}
