// Admins register, change and remove webhook endpoints and read their delivery logs over the real
// HTTP path; every refusal names its field and changes nothing. (Sending, retrying and replaying
// are webhooks/webhooks.test.ts's subject.)
import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { callHttp } from "../../../test/http.ts";

const { db } = await createTestDatabase();
let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const call = (procedure: string, input: unknown, mutation = true, who: Persona = "admin") =>
  callHttp(db, `admin.webhooks.${procedure}`, { token: people[who].token, input, mutation });

const everything = async () =>
  JSON.stringify([
    await db.webhookEndpoint.findMany({ orderBy: { id: "asc" } }),
    await db.auditLog.findMany({ where: { targetType: "webhook_endpoint" }, orderBy: { id: "asc" } }),
  ]);

interface Made {
  endpoint: { id: string; url: string; events: string[]; disabledAt: string | null };
  secret: string;
}

describe("endpoints", () => {
  it("are made with a secret shown once, audited without it", async () => {
    const { status, data } = await call("create", {
      url: "https://erp.example.com/hooks/bazaar?shop=1",
      description: " ERP ",
      events: ["order.paid", "order.refunded"],
    });
    expect(status).toBe(200);
    const { endpoint, secret } = data as Made;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({ url: "https://erp.example.com/hooks/bazaar?shop=1", disabledAt: null });
    expect(JSON.stringify(endpoint)).not.toContain(secret);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "webhook_endpoint.created" } });
    expect(audit).toMatchObject({ actorId: people.admin.id, targetId: endpoint.id });
    expect(JSON.stringify(audit)).not.toContain(secret);

    const listed = await call("list", {}, false);
    expect(JSON.stringify(listed.data)).toContain(endpoint.id);
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    const one = await call("get", { endpointId: endpoint.id }, false);
    expect(one.data).toMatchObject({ description: "ERP", events: ["order.paid", "order.refunded"] });
  });

  it.each([
    ["a URL that is not http(s)", { url: "ftp://example.com/x", events: ["order.paid"] }, "url"],
    ["a URL with a password", { url: "https://user:pw@example.com/x", events: ["order.paid"] }, "url"],
    ["a URL with a fragment", { url: "https://example.com/x#frag", events: ["order.paid"] }, "url"],
    ["no events", { url: "https://example.com/x", events: [] }, "events"],
    ["a repeated event", { url: "https://example.com/x", events: ["order.paid", "order.paid"] }, "events"],
    ["an unknown event", { url: "https://example.com/x", events: ["order.lost"] }, "events.0"],
  ])("refuses %s with 400 on the field, making nothing", async (_name, input, field) => {
    const before = await everything();
    const { status, error } = await call("create", input);
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toHaveProperty([field]);
    expect(await everything()).toBe(before);
  });

  it("are switched off and on, changed and removed with their log, each audited", async () => {
    const made = (await call("create", { url: "https://a.example.com/h", events: ["stock.low"] }))
      .data as Made;
    const id = made.endpoint.id;
    const off = await call("update", { endpointId: id, enabled: false });
    expect((off.data as Made["endpoint"]).disabledAt).not.toBeNull();
    const changed = await call("update", {
      endpointId: id,
      url: "https://b.example.com/h",
      events: ["order.paid"],
    });
    expect(changed.data).toMatchObject({ url: "https://b.example.com/h", events: ["order.paid"] });
    const on = await call("update", { endpointId: id, enabled: true });
    expect((on.data as Made["endpoint"]).disabledAt).toBeNull();
    const actions = (
      await db.auditLog.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })
    ).map((entry) => [entry.action, entry.after]);
    expect(actions.slice(1).map(([action]) => action)).toEqual([
      "webhook_endpoint.updated",
      "webhook_endpoint.updated",
      "webhook_endpoint.updated",
    ]);

    // Nothing to change records nothing.
    await call("update", { endpointId: id, enabled: true });
    expect(await db.auditLog.count({ where: { targetId: id } })).toBe(4);

    await db.webhookDelivery.create({
      data: { endpointId: id, event: "order.paid", eventId: "evt_1", payload: { id: "evt_1" } },
    });
    expect((await call("delete", { endpointId: id })).status).toBe(200);
    expect(await db.webhookEndpoint.count({ where: { id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { endpointId: id } })).toBe(0);
    expect((await call("delete", { endpointId: id })).status).toBe(404);
    expect((await call("update", { endpointId: id, enabled: false })).status).toBe(404);
  });
});

describe("rotating an endpoint's secret", () => {
  it("answers a new secret once, keeps the old one signing for the grace period, audited without either", async () => {
    const made = (await call("create", { url: "https://rotate.example.com/h", events: ["order.paid"] }))
      .data as Made;
    const before = Date.now();
    const { status, data } = await call("rotateSecret", { endpointId: made.endpoint.id });
    expect(status).toBe(200);
    const rotated = data as Made & { endpoint: { previousSecretExpiresAt: string | null } };
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(rotated.secret).not.toBe(made.secret);
    // 24 hours unless the admin says otherwise.
    const until = new Date(rotated.endpoint.previousSecretExpiresAt ?? 0).getTime();
    expect(until - before).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: made.endpoint.id } });
    expect(JSON.stringify(stored)).not.toContain(rotated.secret);
    expect(JSON.stringify(stored)).not.toContain(made.secret);
    const one = await call("get", { endpointId: made.endpoint.id }, false);
    expect(one.data).toMatchObject({ previousSecretExpiresAt: rotated.endpoint.previousSecretExpiresAt });
    expect(JSON.stringify(one.data)).not.toContain(rotated.secret);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "webhook_endpoint.secret_rotated", targetId: made.endpoint.id },
    });
    expect(audit).toMatchObject({ actorId: people.admin.id, details: { graceHours: 24 } });
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
  });

  it.each([
    ["more than a week of grace", 169],
    ["a negative grace period", -1],
    ["part of an hour", 1.5],
  ])("refuses %s with 400 on graceHours, changing nothing", async (_name, graceHours) => {
    const made = (await call("create", { url: "https://rotate.example.com/h", events: ["order.paid"] }))
      .data as Made;
    const before = await everything();
    const { status, error } = await call("rotateSecret", { endpointId: made.endpoint.id, graceHours });
    expect(status).toBe(400);
    expect(error?.data.fieldErrors).toHaveProperty(["graceHours"]);
    expect(await everything()).toBe(before);
  });

  it("answers 404 for an unknown endpoint, and refuses staff", async () => {
    expect((await call("rotateSecret", { endpointId: "nope" })).status).toBe(404);
    const made = (await call("create", { url: "https://rotate.example.com/h", events: ["order.paid"] }))
      .data as Made;
    const before = await everything();
    expect((await call("rotateSecret", { endpointId: made.endpoint.id }, true, "staff")).status).toBe(403);
    expect(await everything()).toBe(before);
  });
});

describe("the delivery log", () => {
  it("lists an endpoint's deliveries newest first with the last status, filtered, and shows each try", async () => {
    const made = (await call("create", { url: "https://log.example.com/h", events: ["order.paid"] }))
      .data as Made;
    const endpointId = made.endpoint.id;
    const older = await db.webhookDelivery.create({
      data: {
        endpointId,
        event: "order.paid",
        eventId: "evt_old",
        payload: { id: "evt_old" },
        status: "FAILED",
        attempts: 2,
        createdAt: new Date("2026-12-01T00:00:00Z"),
        log: {
          create: [
            { number: 1, statusCode: 500, response: "oops", durationMs: 12 },
            { number: 2, statusCode: null, error: "connect ECONNREFUSED", durationMs: 3 },
          ],
        },
      },
    });
    const newer = await db.webhookDelivery.create({
      data: {
        endpointId,
        event: "order.paid",
        eventId: "evt_new",
        payload: { id: "evt_new" },
        status: "SUCCEEDED",
        attempts: 1,
        createdAt: new Date("2026-12-02T00:00:00Z"),
        log: { create: [{ number: 1, statusCode: 200, response: "ok", durationMs: 8 }] },
      },
    });

    const page = await call("deliveries", { endpointId, limit: 1 }, false);
    const first = page.data as {
      items: { id: string; lastStatusCode: number | null }[];
      nextCursor: string;
      total: number;
    };
    expect(first).toMatchObject({ items: [{ id: newer.id, lastStatusCode: 200 }], total: 2 });
    const second = await call("deliveries", { endpointId, limit: 1, cursor: first.nextCursor }, false);
    expect(second.data).toMatchObject({ items: [{ id: older.id, lastStatusCode: null }], nextCursor: null });
    const failed = await call("deliveries", { endpointId, status: "FAILED" }, false);
    expect((failed.data as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([older.id]);

    const detail = await call("delivery", { deliveryId: older.id }, false);
    expect(detail.data).toMatchObject({
      payload: { id: "evt_old" },
      log: [
        { number: 1, statusCode: 500, response: "oops" },
        { number: 2, statusCode: null, error: "connect ECONNREFUSED" },
      ],
    });
    expect((await call("delivery", { deliveryId: "nope" }, false)).status).toBe(404);
    expect((await call("deliveries", { endpointId: "nope" }, false)).status).toBe(404);
    expect((await call("deliveries", { endpointId, status: "LOST" }, false)).status).toBe(400);
    expect((await call("replay", { deliveryId: "nope" })).status).toBe(404);
  });
});
