import type { z } from "zod";

/**
 * A failed parse's messages keyed by each field's full path, so a nested form marks the right
 * input (`address.postalCode`, not just `address`); a problem with the input as a whole is under
 * `input`. The API reports refusals this way, and the apps check forms the same way before sending.
 */
export function fieldErrorsByPath(error: z.ZodError): Record<string, string[]> {
  const byPath: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "input";
    (byPath[key] ??= []).push(issue.message);
  }
  return byPath;
}
