import { AUDIT_TARGET_TYPES, type AuditTargetType } from "@bazaar/validators";
import type { Metadata, Route } from "next";
import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";

import { AdminTable } from "~/components/admin/admin-table";
import { FieldChanges } from "~/components/admin/field-changes";
import { filterControl } from "~/components/admin/filter-control";
import { adminHref } from "~/components/admin/links";
import { Pager, RefusedAddress } from "~/components/admin/pager";
import { param, readTable } from "~/components/admin/table-query";
import { ProblemAlert } from "~/components/problem-alert";
import { requireStaff } from "~/server/session";
import { trpc } from "~/trpc/server";
import { deliveryHref, endpointHref } from "~/app/admin/webhooks/links";

export const metadata: Metadata = { title: "Audit log", robots: { index: false } };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const TARGET_NAMES: Record<AuditTargetType, string> = {
  product: "Product",
  category: "Category",
  variant: "Variant",
  order: "Order",
  user: "Customer",
  stock: "Stock",
  api_key: "API key",
  webhook_endpoint: "Webhook endpoint",
  webhook_delivery: "Webhook delivery",
};

/** The admin page a target has, where there is one. Account events (no type) name a user. */
function targetHref(type: string | null, id: string | null): Route | null {
  if (!id) return null;
  if (type === "product") return adminHref("products", id);
  if (type === "order") return adminHref("orders", id);
  if (type === "user" || type === null) return adminHref("customers", id);
  if (type === "webhook_endpoint") return endpointHref(id);
  if (type === "webhook_delivery") return deliveryHref(id);
  return null;
}

/** A schema's fragment ("must be a date") gets the field's label in front; sentences stand alone. */
const withLabel = (label: string, message: string) =>
  /^[a-z]/.test(message) ? `${label} ${message}` : message;

const FILTERS = ["action", "actorEmail", "targetType", "targetId", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];

const LABELS: Record<Filter, string> = {
  action: "Action",
  actorEmail: "Actor email",
  targetType: "Target type",
  targetId: "Target id",
  from: "From",
  to: "To",
};

const controlClass = `block w-full ${filterControl} aria-invalid:border-red-600`;

/** Who changed what, when, from what to what; filtered by a GET form, paged by cursor. */
export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  await requireStaff("/admin/audit");
  const query = await searchParams;
  const filters = Object.fromEntries(FILTERS.map((name) => [name, param(query[name])])) as Record<
    Filter,
    string | undefined
  >;
  const cursor = param(query.cursor);
  const [actions, read] = await Promise.all([
    trpc.admin.audit.actions(),
    readTable(() =>
      trpc.admin.audit.list({
        ...filters,
        // The schema names a bad type; the cast only satisfies the compiler.
        targetType: filters.targetType as AuditTargetType | undefined,
        cursor,
        limit: 25,
      }),
    ),
  ]);
  const errors = read.refused ?? {};
  const filterErrors = FILTERS.some((name) => errors[name]);
  const field = (name: Filter, control: (props: ControlProps) => ReactNode) => (
    <FilterField name={name} errors={errors[name]} control={control} />
  );
  const entries = read.data;
  return (
    <section aria-labelledby="audit-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="audit-heading" className="text-3xl font-bold">
          Audit log
        </h1>
        <p className="text-sm text-gray-600">Times and dates are UTC.</p>
      </div>
      <Form action="/admin/audit" aria-label="Filter the audit log" className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {field("action", (props) => (
            <select {...props} defaultValue={filters.action ?? ""}>
              <option value="">Any action</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          ))}
          {field("actorEmail", (props) => (
            <input {...props} type="email" defaultValue={filters.actorEmail} maxLength={254} />
          ))}
          {field("targetType", (props) => (
            <select {...props} defaultValue={filters.targetType ?? ""}>
              <option value="">Any type</option>
              {AUDIT_TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TARGET_NAMES[type]}
                </option>
              ))}
            </select>
          ))}
          {field("targetId", (props) => (
            <input {...props} defaultValue={filters.targetId} maxLength={64} />
          ))}
          {field("from", (props) => (
            <input {...props} type="date" defaultValue={filters.from} />
          ))}
          {field("to", (props) => (
            <input {...props} type="date" defaultValue={filters.to} />
          ))}
        </div>
        <div className="flex items-center gap-3">
          <button
            type="submit"
            className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-50 focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
          >
            Apply filters
          </button>
          {FILTERS.some((name) => filters[name]) && (
            <Link href="/admin/audit" className="text-sm text-brand-700 hover:underline">
              Clear filters
            </Link>
          )}
        </div>
      </Form>
      {!entries && filterErrors ? (
        <ProblemAlert message="Check the filters marked above." />
      ) : !entries ? (
        <RefusedAddress firstPage="/admin/audit" />
      ) : entries.items.length === 0 ? (
        <p className="text-gray-600">No entries match.</p>
      ) : (
        <AdminTable
          caption="Audit log entries, newest first"
          columns={["When", "Actor", "Action", "Target", "IP", "Change"]}
        >
          {entries.items.map((entry) => {
            const href = targetHref(entry.targetType, entry.targetId);
            const target = entry.targetId
              ? `${entry.targetType ? (TARGET_NAMES[entry.targetType as keyof typeof TARGET_NAMES] ?? entry.targetType) : "Account"} ${entry.targetId}`
              : "—";
            return (
              <tr key={entry.id} className="align-top">
                <th scope="row" className="py-2 pr-4 font-normal whitespace-nowrap">
                  <time dateTime={entry.createdAt.toISOString()}>{when.format(entry.createdAt)}</time>
                </th>
                <td className="py-2 pr-4 break-all">
                  {entry.actorId ? (
                    <Link
                      href={adminHref("customers", entry.actorId)}
                      className="text-brand-700 hover:underline"
                    >
                      {entry.actor}
                    </Link>
                  ) : (
                    <span className="text-gray-600">{entry.actor}</span>
                  )}
                </td>
                <td className="py-2 pr-4 font-mono text-xs">{entry.action}</td>
                <td className="py-2 pr-4 break-all">
                  {href ? (
                    <Link href={href} className="text-brand-700 hover:underline">
                      {target}
                    </Link>
                  ) : (
                    target
                  )}
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">{entry.ip ?? "—"}</td>
                <td className="py-2">
                  <FieldChanges before={entry.before} after={entry.after} details={entry.details} />
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      {entries && (
        <Pager
          pathname="/admin/audit"
          params={filters}
          cursor={cursor}
          page={entries}
          noun={{ one: "entry", many: "entries" }}
        />
      )}
    </section>
  );
}

interface ControlProps {
  id: string;
  name: string;
  className: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** A labelled filter control, with the server's refusal of its value beneath it. */
function FilterField({
  name,
  errors,
  control,
}: {
  name: Filter;
  errors: string[] | undefined;
  control: (props: ControlProps) => ReactNode;
}) {
  const id = `audit-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {LABELS[name]}
      </label>
      {control({
        id,
        name,
        className: controlClass,
        ...(errors ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}),
      })}
      {errors && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.map((message) => withLabel(LABELS[name], message)).join(" ")}
        </p>
      )}
    </div>
  );
}
