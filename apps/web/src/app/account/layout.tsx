import type { ReactNode } from "react";

import { SectionNav } from "~/components/section-nav";

const SECTIONS = [
  { href: "/account", label: "Profile" },
  { href: "/account/orders", label: "Orders" },
  { href: "/account/security", label: "Security" },
  { href: "/account/privacy", label: "Privacy" },
] as const;

// Each page checks the session itself (requireSession): a layout is not re-rendered on every
// navigation, so it is no place for an access check.
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <SectionNav label="Account" sections={SECTIONS} />
      <div className="min-w-0 space-y-10">{children}</div>
    </div>
  );
}
