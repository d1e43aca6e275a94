// tRPC's fetch adapter reads a request's whole body before a procedure sees it, and route
// handlers have no size limit of their own: without this check, one oversized upload is held in
// memory in full before the 5 MB rule on pictures can refuse it.
import { MAX_IMAGE_BYTES } from "@bazaar/validators";

/** A picture upload: the file and its few text fields, with room for the multipart framing. */
export const MAX_MULTIPART_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
/** Every other call: JSON inputs are forms and filters, far below this. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The answer for a request whose declared body is too large (413) or undeclared (411), in the
 * shape the client reads errors in; null when it may go on. Only what Content-Length says is
 * judged: the runtime refuses a body longer than its declared length.
 */
export function refuseOversizedBody(req: Request): Response | null {
  if (req.method === "GET" || req.method === "HEAD" || req.body === null) return null;
  const multipart = req.headers.get("content-type")?.startsWith("multipart/form-data") ?? false;
  const limit = multipart ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
  const declared = req.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared))
    return problem(411, "LENGTH_REQUIRED", "The request must say its length (Content-Length).", null);
  if (Number(declared) <= limit) return null;
  return multipart
    ? problem(413, "PAYLOAD_TOO_LARGE", "The picture is too large.", { file: ["must be at most 5 MB"] })
    : problem(413, "PAYLOAD_TOO_LARGE", "The request is too large.", { input: ["is too large"] });
}

function problem(
  status: number,
  code: string,
  message: string,
  fieldErrors: Record<string, string[]> | null,
): Response {
  const body = {
    error: {
      json: { message, code: -32600, data: { code, httpStatus: status, requestId: null, fieldErrors } },
    },
  };
  return Response.json(body, { status });
}
