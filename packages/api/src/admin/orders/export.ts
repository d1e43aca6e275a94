// The order table as CSV, for spreadsheets and accounting: the same filters as the table, read in
// keyset batches so an export of 100,000 orders streams in constant memory, and recorded in the
// audit log (who, which filters, how many rows) once the last row has gone out.
import type { RequestMeta } from "@bazaar/auth";
import type { Db, OrderStatus, Prisma } from "@bazaar/db";
import type { OrderFilters } from "@bazaar/validators";
import { stringify } from "csv-stringify/sync";

import { afterCursor, orderConditions, whereSql } from "./service.ts";

export const CSV_COLUMNS = [
  "number",
  "placed at",
  "status",
  "email",
  "name",
  "country",
  "currency",
  "subtotal",
  "shipping",
  "tax",
  "total",
  "refunded",
  "paid at",
  "fulfilled at",
  "carrier",
  "tracking",
] as const;

/** Rows per query: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH = 1_000;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula: such text gets a leading apostrophe, which makes it plain text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const digitsByCurrency = new Map<string, number>();

/** Minor units as the decimal a spreadsheet reads: 1250 USD is "12.50", 500 JPY is "500". */
export function decimalAmount(amount: number, currency: string): string {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

interface ExportRow {
  id: string;
  number: number;
  createdAt: Date;
  status: OrderStatus;
  email: string;
  name: string | null;
  country: string | null;
  currency: string;
  subtotalAmount: number;
  shippingAmount: number;
  taxAmount: number;
  totalAmount: number;
  refundedAmount: number;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
}

function csvRecord(row: ExportRow): string[] {
  const money = (amount: number) => decimalAmount(amount, row.currency);
  return [
    String(row.number),
    row.createdAt.toISOString(),
    row.status,
    neutraliseFormula(row.email),
    neutraliseFormula(row.name ?? ""),
    row.country ?? "",
    row.currency,
    money(row.subtotalAmount),
    money(row.shippingAmount),
    money(row.taxAmount),
    money(row.totalAmount),
    money(row.refundedAmount),
    row.paidAt?.toISOString() ?? "",
    row.fulfilledAt?.toISOString() ?? "",
    neutraliseFormula(row.carrier ?? ""),
    neutraliseFormula(row.trackingNumber ?? ""),
  ];
}

/**
 * The CSV in chunks: a byte-order mark and the header, then one chunk per batch. When the
 * consumer has read it all (or stops early, a download cancelled) the export is audited with the
 * rows that went out and whether that was all of them.
 */
export async function* exportOrdersCsv(
  db: Db,
  filters: OrderFilters,
  audit: { actorId: string; meta: RequestMeta },
  batchSize = EXPORT_BATCH,
): AsyncGenerator<string, void, undefined> {
  const conditions = orderConditions(filters);
  let rows = 0;
  let complete = false;
  try {
    // The mark tells spreadsheet programs the file is UTF-8, so names with accents survive.
    yield stringify([[...CSV_COLUMNS]], { bom: true });
    let cursor: { at: Date; id: string } | null = null;
    for (;;) {
      const where = whereSql(cursor ? [...conditions, afterCursor(cursor)] : conditions);
      const batch: ExportRow[] = await db.$queryRaw<ExportRow[]>`
        SELECT o."id", o."number", o."createdAt", o."status", o."email",
               coalesce(o."shipName", u."name") AS "name", o."shipCountry" AS "country",
               trim(o."currency") AS "currency", o."subtotalAmount", o."shippingAmount", o."taxAmount",
               o."totalAmount", o."refundedAmount", o."paidAt", o."fulfilledAt", o."carrier", o."trackingNumber"
        FROM "Order" o LEFT JOIN "User" u ON u."id" = o."userId"
        ${where}
        ORDER BY o."createdAt" DESC, o."id" DESC
        LIMIT ${batchSize}`;
      if (batch.length > 0) {
        // Counted as handed over: a consumer that stops here has had them.
        rows += batch.length;
        yield stringify(batch.map(csvRecord));
      }
      const last = batch.at(-1);
      if (batch.length < batchSize || !last) break;
      cursor = { at: last.createdAt, id: last.id };
    }
    complete = true;
  } finally {
    const details: Prisma.InputJsonObject = {
      filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
      rows,
      complete,
    };
    await db.auditLog.create({
      data: {
        action: "order.exported",
        actorId: audit.actorId,
        targetType: "order",
        details,
        ip: audit.meta.ip,
        userAgent: audit.meta.userAgent?.slice(0, 512) ?? null,
      },
    });
  }
}
