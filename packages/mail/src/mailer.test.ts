import { once } from "node:events";
import { createServer, type Socket } from "node:net";

import { createTestDatabase } from "@bazaar/db/testing";
import { startSmtpCatcher } from "@bazaar/mail/testing";
import { afterAll, describe, expect, it } from "vitest";

import { readMailEnv } from "./env.ts";
import { createDatabaseMailer, createSmtpMailer, listMailbox, mailerFromEnv } from "./mailer.ts";
import { resetPasswordMessage, verifyEmailMessage } from "./templates.ts";

const { db } = await createTestDatabase();
const smtp = await startSmtpCatcher();
afterAll(() => smtp.close());

describe("SMTP delivery", () => {
  it("delivers a message to a real SMTP server, with both parts and the sender", async () => {
    const mailer = createSmtpMailer(smtp.url, "Bazaar <shop@bazaar.test>");
    await mailer.send(
      verifyEmailMessage({
        to: "ada@example.com",
        name: "Ada",
        url: "https://shop.test/verify?token=abc",
        hours: 24,
      }),
    );
    mailer.close();
    const mail = smtp.messages.find((m) => m.to.includes("ada@example.com"));
    expect(mail?.subject).toBe("Confirm your email for Bazaar");
    expect(mail?.from).toContain("shop@bazaar.test");
    expect(mail?.text).toContain("https://shop.test/verify?token=abc");
    expect(mail?.html).toContain('href="https://shop.test/verify?token=abc"');
  });

  const message = { to: "x@example.com", subject: "s", text: "t", html: "<p>t</p>" };

  it("fails loudly when the server is not there", async () => {
    const mailer = createSmtpMailer("smtp://127.0.0.1:1", "shop@bazaar.test");
    await expect(mailer.send(message)).rejects.toThrow(/ECONNREFUSED/);
    mailer.close();
  });

  it("fails loudly when the server refuses for now (421)", async () => {
    const down = await startSmtpCatcher();
    down.unavailable = true;
    const mailer = createSmtpMailer(down.url, "shop@bazaar.test");
    try {
      await expect(mailer.send(message)).rejects.toThrow(/421/);
      expect(down.refused).toBe(1);
    } finally {
      mailer.close();
      await down.close();
    }
  });

  it("gives up within its timeout on a server that accepts the connection and never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, "127.0.0.1");
    await once(silent, "listening");
    const { port } = silent.address() as { port: number };
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, "shop@bazaar.test", { timeoutMs: 300 });
    try {
      // The greeting or the socket timeout, whichever fires first (both are timeoutMs); without
      // them nodemailer would wait 30 s and the test's own 5 s limit would fail it.
      await expect(mailer.send(message)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    } finally {
      mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe("the database mailbox (no SMTP_URL)", () => {
  it("keeps mail for the development mailbox, newest first, per address", async () => {
    const mailer = mailerFromEnv(db, readMailEnv({}));
    expect(mailer.transport).toBe("database");
    await mailer.send(
      resetPasswordMessage({ to: "bo@example.com", name: null, url: "http://l/r?token=1", minutes: 30 }),
    );
    await mailer.send(
      resetPasswordMessage({ to: "bo@example.com", name: null, url: "http://l/r?token=2", minutes: 30 }),
    );
    await createDatabaseMailer(db).send({ to: "cy@example.com", subject: "s", text: "t", html: "h" });
    const mine = await listMailbox(db, { to: " BO@example.com " });
    expect(mine.map((m) => m.text.includes("token=2"))).toEqual([true, false]);
    expect(await listMailbox(db)).toHaveLength(3);
  });

  it("chooses SMTP when SMTP_URL is set, and names a bad URL", () => {
    expect(mailerFromEnv(db, readMailEnv({ SMTP_URL: smtp.url })).transport).toBe("smtp");
    expect(() => readMailEnv({ SMTP_URL: "http://mail" })).toThrow(
      "SMTP_URL: must be an smtp:// or smtps:// URL",
    );
  });
});

describe("templates", () => {
  it("escapes what they interpolate into HTML", () => {
    const mail = verifyEmailMessage({
      to: "a@b.c",
      name: '<img src=x onerror="alert(1)">',
      url: "http://l/?a=1&b=2",
      hours: 24,
    });
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img");
    expect(mail.html).toContain('href="http://l/?a=1&amp;b=2"');
    expect(mail.text).toContain('<img src=x onerror="alert(1)">');
  });
});
