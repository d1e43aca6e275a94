import { describe, expect, it } from "vitest";

import { cartCookie, clientIp, readCookie, serializeCookie, sessionCookie } from "./cookie.ts";

describe("sessionCookie", () => {
  it("is __Host- prefixed and Secure over https", () => {
    expect(sessionCookie({ APP_URL: "https://shop.example" })).toEqual({
      name: "__Host-bazaar.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("is plain over http, still HttpOnly and SameSite=Lax", () => {
    const cookie = sessionCookie({ APP_URL: "http://localhost:3000" });
    expect(cookie.name).toBe("bazaar.session");
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });
});

describe("readCookie", () => {
  it("finds one cookie among several, and nothing in a look-alike name", () => {
    const header = "theme=dark; xbazaar.session=evil; bazaar.session=abc%3D; other=1";
    expect(readCookie(header, "bazaar.session")).toBe("abc=");
    expect(readCookie(header, "missing")).toBeNull();
    expect(readCookie(null, "bazaar.session")).toBeNull();
    expect(readCookie("bazaar.session=%E0%A4%A", "bazaar.session")).toBeNull();
  });
});

describe("clientIp", () => {
  it("takes the address the nearest trusted proxy saw, not what the client wrote", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9", 2)).toBe("203.0.113.9");
    expect(clientIp(" , ", 1)).toBeNull();
    expect(clientIp(null, 1)).toBeNull();
  });
});

describe("cartCookie", () => {
  it("is __Host- prefixed and Secure over https, kept 30 days, and can be deleted", () => {
    const cookie = cartCookie({ APP_URL: "https://shop.example" });
    expect(cookie.name).toBe("__Host-bazaar.cart");
    expect(serializeCookie(cookie.name, "c1.sig", cookie.options)).toBe(
      "__Host-bazaar.cart=c1.sig; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly; Secure",
    );
    expect(serializeCookie(cookie.name, "", { ...cookie.options, maxAge: 0 })).toMatch(
      /^__Host-bazaar\.cart=; Path=\/; Max-Age=0;/,
    );
    expect(cartCookie({ APP_URL: "http://localhost:3000" }).name).toBe("bazaar.cart");
  });
});
