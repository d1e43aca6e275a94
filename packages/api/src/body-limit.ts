// tRPC's fetch adapter reads a request's whole body before a procedure sees it, and route
// handlers have no size limit of their own: without this check, one oversized upload is held in
// memory in full before the 5 MB rule on pictures can refuse it.
import { MAX_IMAGE_BYTES } from "@bazaar/validators";

/** A picture upload: the file and its few text fields, with room for the multipart framing. */
export const MAX_MULTIPART_BYTES = MAX_IMAGE_BYTES + 64 * 1024;
/** Every other call: JSON inputs are forms and filters, far below this. */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface BodyRefusal {
  status: 411 | 413;
  code: "LENGTH_REQUIRED" | "PAYLOAD_TOO_LARGE";
  message: string;
  fieldErrors: Record<string, string[]> | null;
}

/**
 * Why a request's declared body may not be read: too large (413) or undeclared (411); null when
 * it may go on. Only what Content-Length says is judged: the runtime refuses a body longer than
 * its declared length.
 */
export function oversizedBody(req: Request): BodyRefusal | null {
  if (req.method === "GET" || req.method === "HEAD" || req.body === null) return null;
  const multipart = req.headers.get("content-type")?.startsWith("multipart/form-data") ?? false;
  const limit = multipart ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
  const declared = req.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared))
    return {
      status: 411,
      code: "LENGTH_REQUIRED",
      message: "The request must say its length (Content-Length).",
      fieldErrors: null,
    };
  if (Number(declared) <= limit) return null;
  return multipart
    ? {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: "The picture is too large.",
        fieldErrors: { file: ["must be at most 5 MB"] },
      }
    : {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: "The request is too large.",
        fieldErrors: { input: ["is too large"] },
      };
}

/** `oversizedBody`'s refusal in the shape a tRPC client reads errors in. */
export function refuseOversizedBody(req: Request): Response | null {
  const refusal = oversizedBody(req);
  if (!refusal) return null;
  const { status, code, message, fieldErrors } = refusal;
  const body = {
    error: {
      json: { message, code: -32600, data: { code, httpStatus: status, requestId: null, fieldErrors } },
    },
  };
  return Response.json(body, { status });
}
