import type { ReactNode } from "react";

import { SectionNav } from "~/components/section-nav";
import { requireStaff } from "~/server/session";

const SECTIONS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/products", label: "Products", nested: true },
  { href: "/admin/categories", label: "Categories", nested: true },
  { href: "/admin/orders", label: "Orders", nested: true },
  { href: "/admin/customers", label: "Customers", nested: true },
  { href: "/admin/audit", label: "Audit log", nested: true },
] as const;

/** Only admins manage keys and webhooks, so only they see the links. */
const ADMIN_SECTIONS = [
  { href: "/admin/api-keys", label: "API keys", nested: true },
  { href: "/admin/webhooks", label: "Webhooks", nested: true },
] as const;

// The console's frame. The layout refuses anyone but staff so that not even the navigation is
// drawn for them, but it is not re-run on every client navigation: each page checks again
// (requireStaff), and every procedure it calls checks on the server whatever the page does.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireStaff("/admin");
  return (
    <div className="grid grid-cols-1 gap-8 md:grid-cols-[11rem_1fr]">
      <SectionNav
        label="Admin console"
        sections={session.user.role === "ADMIN" ? [...SECTIONS, ...ADMIN_SECTIONS] : SECTIONS}
      />
      <div className="min-w-0 space-y-8">{children}</div>
    </div>
  );
}
