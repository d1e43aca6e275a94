import { createTestDatabase } from "@bazaar/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

import { signInPersonas, type Persona, type SignedIn } from "../../../test/accounts.ts";
import { callHttp } from "../../../test/http.ts";
import { LAST_USED_RESOLUTION_MS, verifyApiKey } from "../../api-keys/keys.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "./service.ts";

const { db } = await createTestDatabase();
const meta = { ip: "192.0.2.1", userAgent: "vitest" };

let people: Record<Persona, SignedIn>;
beforeAll(async () => {
  people = await signInPersonas(db);
});

const revoke = (apiKeyId: string, token = people.admin.token) =>
  callHttp(db, "admin.apiKeys.revoke", { mutation: true, token, input: { apiKeyId } });

/** Every API key row and every audit entry about keys, to show a refusal changed nothing. */
const everything = async () =>
  JSON.stringify([
    await db.apiKey.findMany({ orderBy: { id: "asc" } }),
    await db.auditLog.findMany({ where: { targetType: "api_key" }, orderBy: { id: "asc" } }),
  ]);

describe("making a key", () => {
  it("answers with the key once; the database keeps only its hash and first characters, audited", async () => {
    const { status, data } = await callHttp(db, "admin.apiKeys.create", {
      mutation: true,
      token: people.admin.token,
      input: { name: "  Warehouse sync ", scopes: ["stock:read", "stock:write"] },
    });
    expect(status).toBe(200);
    const { apiKey, key } = data as { apiKey: { id: string; prefix: string; name: string }; key: string };
    expect(key).toMatch(/^bzk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "Warehouse sync", prefix: key.slice(0, 12), revokedAt: null });

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(row.scopes).toEqual(["stock:read", "stock:write"]);
    expect(row.createdById).toBe(people.admin.id);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "api_key.created", targetId: apiKey.id },
    });
    expect(audit).toMatchObject({ actorId: people.admin.id, targetType: "api_key" });
    expect(audit.after).toEqual({
      name: "Warehouse sync",
      prefix: apiKey.prefix,
      scopes: ["stock:read", "stock:write"],
    });
    expect(JSON.stringify(audit)).not.toContain(key.slice(12));

    // Listed afterwards without the key.
    const listed = await callHttp(db, "admin.apiKeys.list", { token: people.admin.token, input: {} });
    expect(JSON.stringify(listed.data)).toContain(apiKey.prefix);
    expect(JSON.stringify(listed.data)).not.toContain(key);
  });

  it("refuses staff: 403, and nothing is made", async () => {
    const before = await everything();
    const { status } = await callHttp(db, "admin.apiKeys.create", {
      mutation: true,
      token: people.staff.token,
      input: { name: "Mine", scopes: ["orders:read"] },
    });
    expect(status).toBe(403);
    expect(await everything()).toBe(before);
  });

  it.each([
    [{ name: " ", scopes: ["catalog:read"] }, "name"],
    [{ name: "x".repeat(101), scopes: ["catalog:read"] }, "name"],
    [{ name: "No scopes", scopes: [] }, "scopes"],
    [{ name: "Twice", scopes: ["catalog:read", "catalog:read"] }, "scopes"],
    [{ name: "Root", scopes: ["everything"] }, "scopes.0"],
    [{ scopes: ["catalog:read"] }, "name"],
  ])("refuses %j with 400 on %s, and nothing is made", async (input, field) => {
    const before = await everything();
    const { status, error } = await callHttp(db, "admin.apiKeys.create", {
      mutation: true,
      token: people.admin.token,
      input,
    });
    expect(status).toBe(400);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
    expect(await everything()).toBe(before);
  });
});

describe("checking a presented key", () => {
  it("knows a live key, with its scopes, and records its use at most once a minute", async () => {
    const { apiKey, key } = await createApiKey(
      db,
      people.admin.id,
      { name: "Reader", scopes: ["catalog:read"] },
      meta,
    );
    const at = new Date("2026-12-01T10:00:00.000Z");
    expect(await verifyApiKey(db, key, at)).toEqual({
      id: apiKey.id,
      name: "Reader",
      scopes: ["catalog:read"],
    });
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(await lastUsed()).toEqual(at);

    await verifyApiKey(db, key, new Date(at.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toEqual(at);
    const later = new Date(at.getTime() + LAST_USED_RESOLUTION_MS);
    await verifyApiKey(db, key, later);
    expect(await lastUsed()).toEqual(later);
  });

  it("refuses a revoked key, an unknown one and a malformed one", async () => {
    const { apiKey, key } = await createApiKey(
      db,
      people.admin.id,
      { name: "Soon gone", scopes: ["orders:read"] },
      meta,
    );
    await revokeApiKey(db, people.admin.id, apiKey.id, meta);
    expect(await verifyApiKey(db, key)).toBeNull();
    expect(await verifyApiKey(db, `bzk_${"A".repeat(43)}`)).toBeNull();
    expect(await verifyApiKey(db, key.slice(0, -1))).toBeNull();
    expect(await verifyApiKey(db, `${key}x`)).toBeNull();
    expect(await verifyApiKey(db, people.admin.token)).toBeNull();
  });
});

describe("revoking a key", () => {
  it("revokes once, audited; again changes and records nothing", async () => {
    const { apiKey } = await createApiKey(
      db,
      people.admin.id,
      { name: "Partner", scopes: ["orders:read"] },
      meta,
    );
    const first = await revoke(apiKey.id);
    expect(first.status).toBe(200);
    const revokedAt = (first.data as { revokedAt: string | null }).revokedAt;
    expect(revokedAt).not.toBeNull();
    const entries = () => db.auditLog.count({ where: { action: "api_key.revoked", targetId: apiKey.id } });
    expect(await entries()).toBe(1);

    const again = await revoke(apiKey.id);
    expect(again.status).toBe(200);
    expect((again.data as { revokedAt: string | null }).revokedAt).toEqual(revokedAt);
    expect(await entries()).toBe(1);
  });

  it("answers 404 for an unknown key, and staff get 403 without anything changing", async () => {
    const { apiKey } = await createApiKey(
      db,
      people.admin.id,
      { name: "Kept", scopes: ["catalog:read"] },
      meta,
    );
    const unknown = await revoke("no-such-key");
    expect(unknown.status).toBe(404);
    const before = await everything();
    const staff = await revoke(apiKey.id, people.staff.token);
    expect(staff.status).toBe(403);
    expect(await everything()).toBe(before);
  });
});

describe("the list", () => {
  it("pages newest first through every key exactly once", async () => {
    const total = (await listApiKeys(db, { limit: 1 })).total;
    expect(total).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { status, data } = await callHttp(db, "admin.apiKeys.list", {
        token: people.admin.token,
        input: { limit: 2, cursor },
      });
      expect(status).toBe(200);
      const page = data as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);
  });
});
