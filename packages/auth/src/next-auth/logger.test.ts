import { Writable } from "node:stream";

import {
  AccessDenied,
  AdapterError,
  CallbackRouteError,
  InvalidCheck,
  MissingSecret,
  OAuthAccountNotLinked,
  OAuthCallbackError,
  OAuthSignInError,
  Verification,
} from "@auth/core/errors";
import pino from "pino";
import { describe, expect, it } from "vitest";

import { nextAuthLogger } from "./logger.ts";

/** Raised as next-auth raises one around another error (its constructors take that untyped). */
function wrapping<E>(Kind: new (message?: string) => E, err: Error, details?: object): E {
  return new (Kind as unknown as new (err: Error, details?: object) => E)(err, details);
}

/** A pino logger whose lines land in `lines`, parsed, as the app's logger would write them. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: nextAuthLogger(pino({ base: null, timestamp: false }, destination)) };
}

describe("next-auth's logger", () => {
  it.each([
    ["a cancelled consent", new OAuthCallbackError("OAuth Provider returned an error")],
    ["a refused sign-in", new AccessDenied("AccessDenied")],
    ["a replayed callback", new InvalidCheck("pkceCodeVerifier value could not be parsed")],
    ["an address owned by another account", new OAuthAccountNotLinked("Another account exists")],
    ["a provider that could not be reached", new OAuthSignInError("fetch failed")],
    ["a used sign-in link", new Verification("Token expired")],
  ])("logs %s as a warning: its type and message, no stack", (_, error) => {
    const { lines, logger } = capture();
    logger.error?.(error);
    expect(lines).toEqual([{ level: 40, type: error.type, message: error.message, msg: "sign-in failed" }]);
  });

  it("names the provider and the wrapped failure of a callback, without its stack", () => {
    const { lines, logger } = capture();
    logger.error?.(
      wrapping(CallbackRouteError, new TypeError("unexpected HTTP status 400"), { provider: "oidc" }),
    );
    expect(lines).toEqual([
      {
        level: 40,
        type: "CallbackRouteError",
        message: expect.stringContaining("errors.authjs.dev#callbackrouteerror") as string,
        provider: "oidc",
        cause: "unexpected HTTP status 400",
        msg: "sign-in failed",
      },
    ]);
  });

  it.each([
    ["a failing database", wrapping(AdapterError, new Error("connection refused")), "connection refused"],
    [
      "a signIn callback that threw",
      wrapping(AccessDenied, new Error("connection refused")),
      "connection refused",
    ],
    ["a configuration fault", new MissingSecret("Please define a `secret`"), "Please define a `secret`"],
    ["an error of no Auth.js type", new Error("boom"), "boom"],
  ])("keeps %s an error, with the stack of what failed", (_, error, message) => {
    const { lines, logger } = capture();
    logger.error?.(error);
    expect(lines).toEqual([
      {
        level: 50,
        type: "type" in error ? error.type : "Error",
        err: expect.objectContaining({
          message: expect.stringContaining(message) as string,
          stack: expect.any(String) as string,
        }) as object,
        msg: "next-auth error",
      },
    ]);
  });

  it("sends next-auth's warnings to the log, and has no debug output of its own", () => {
    const { lines, logger } = capture();
    logger.warn?.("debug-enabled");
    expect(lines).toEqual([{ level: 40, code: "debug-enabled", msg: "next-auth warning" }]);
    expect(logger).not.toHaveProperty("debug");
  });
});
