import { describe, expect, it } from "vitest";

import { MAX_JSON_BYTES, MAX_MULTIPART_BYTES, refuseOversizedBody } from "./body-limit.ts";

const post = (headers: Record<string, string>, body: BodyInit = "{}") =>
  new Request("http://localhost/api/trpc/x", { method: "POST", headers, body });

async function refusal(req: Request) {
  const response = refuseOversizedBody(req);
  if (!response) return null;
  const body = (await response.json()) as {
    error: { json: { data: { httpStatus: number; fieldErrors: unknown } } };
  };
  return { status: response.status, data: body.error.json.data };
}

describe("the request body limit", () => {
  it("lets through reads, and bodies up to the limit of their kind", async () => {
    expect(await refusal(new Request("http://localhost/api/trpc/x?input=%7B%7D"))).toBeNull();
    const json = { "content-type": "application/json", "content-length": String(MAX_JSON_BYTES) };
    expect(await refusal(post(json))).toBeNull();
    const form = {
      "content-type": "multipart/form-data; boundary=b",
      "content-length": String(MAX_MULTIPART_BYTES),
    };
    expect(await refusal(post(form))).toBeNull();
  });

  it("refuses JSON over 1 MB with a 413 on the input, and an upload over its limit on the file", async () => {
    const json = { "content-type": "application/json", "content-length": String(MAX_JSON_BYTES + 1) };
    const tooMuchJson = await refusal(post(json));
    expect(tooMuchJson?.status).toBe(413);
    expect(tooMuchJson?.data).toMatchObject({ httpStatus: 413, fieldErrors: { input: ["is too large"] } });
    const form = {
      "content-type": "multipart/form-data; boundary=b",
      "content-length": String(MAX_MULTIPART_BYTES + 1),
    };
    const tooLargeUpload = await refusal(post(form));
    expect(tooLargeUpload?.status).toBe(413);
    expect(tooLargeUpload?.data).toMatchObject({ fieldErrors: { file: ["must be at most 5 MB"] } });
  });

  it("asks a body of unstated or malformed length to state it (411)", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
      },
    });
    const chunked = new Request("http://localhost/api/trpc/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      // Node's fetch needs this for a streamed body; the DOM typings do not know it yet.
      duplex: "half",
    } as RequestInit);
    expect((await refusal(chunked))?.status).toBe(411);
    expect((await refusal(post({ "content-length": "12abc" })))?.status).toBe(411);
  });
});
