import { describe, expect, it } from "vitest";

import { describeDevice, timeAgo } from "./describe-session.ts";

describe("describeDevice", () => {
  it("names the browser and the system of common user agents", () => {
    const cases: [string, string][] = [
      [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
        "Chrome on Linux",
      ],
      [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Safari on iPhone",
      ],
      [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Safari on macOS",
      ],
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox on Windows",
      ],
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Edge on Windows",
      ],
      [
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Chrome on Android",
      ],
      [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        "Chrome on iPhone",
      ],
      [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36",
        "Chrome on Linux",
      ],
      ["okhttp/4.12.0", "Bazaar app"],
    ];
    for (const [userAgent, expected] of cases) expect(describeDevice(userAgent), userAgent).toBe(expected);
  });

  it("says what it can about anything else", () => {
    expect(describeDevice(null)).toBe("Unknown device");
    expect(describeDevice("  ")).toBe("Unknown device");
    expect(describeDevice("curl/8.5.0")).toBe("Unknown device");
    expect(describeDevice("SomeBot/1.0 (Windows NT 10.0)")).toBe("Windows device");
  });
});

describe("timeAgo", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const before = (ms: number) => new Date(now.getTime() - ms);

  it("counts recent times in the largest whole unit", () => {
    expect(timeAgo(before(5_000), now)).toBe("just now");
    expect(timeAgo(before(5 * 60_000), now)).toBe("5 minutes ago");
    expect(timeAgo(before(3 * 3_600_000 + 59 * 60_000), now)).toBe("3 hours ago");
    expect(timeAgo(before(30 * 3_600_000), now)).toBe("yesterday");
  });

  it("gives older times as a date", () => {
    expect(timeAgo(new Date("2026-11-03T08:00:00Z"), now)).toBe("3 Nov 2026");
  });
});
