import type { ReactNode } from "react";

import { AccountNav } from "~/components/account-nav";

// Each page checks the session itself (requireSession): a layout is not re-rendered on every
// navigation, so it is no place for an access check.
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <AccountNav />
      <div className="min-w-0 space-y-10">{children}</div>
    </div>
  );
}
