import { z } from "zod";

// What people type into a shop is text, never control characters. These are refused in every
// text field (or, in search, dropped) so that none reaches PostgreSQL, a mail, a CSV export or a
// log line: NUL cannot be stored at all (PostgreSQL error 22021), the other C0/C1 controls and DEL
// garble terminals and exports, the bidirectional embedding, override and isolate marks let a name
// display as something it is not, and an unpaired surrogate is not text in any encoding.

/** Controls of every kind, DEL, and the bidi embedding/override/isolate marks. */
const UNSAFE = "\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069";
/** The same, but tab, line feed and carriage return are allowed (descriptions, notes). */
const UNSAFE_IN_PARAGRAPHS =
  "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069";

const singleLine = new RegExp(`^[^${UNSAFE}]*$`);
const paragraphs = new RegExp(`^[^${UNSAFE_IN_PARAGRAPHS}]*$`);
const unsafeCharacters = new RegExp(`[${UNSAFE}]`, "g");

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Every surrogate is half of a pair. (String.prototype.isWellFormed says the same, but not on
 * every engine these schemas run on: the phone app's included.)
 */
export function isWellFormedText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isHigh(code) && isLow(value.charCodeAt(i + 1))) i++;
    else if (isHigh(code) || isLow(code)) return false;
  }
  return true;
}

const CONTROL_MESSAGE = "must not contain control characters";
const WELL_FORMED_MESSAGE = "must be valid text";

/** One line of text: a name, an address line, a SKU. Chain `.trim()`, `.min()`, `.max()` after it. */
export const lineText = () =>
  z.string().regex(singleLine, CONTROL_MESSAGE).refine(isWellFormedText, WELL_FORMED_MESSAGE);

/** Text that may run over several lines (tabs and line breaks allowed): descriptions, notes. */
export const paragraphText = () =>
  z.string().regex(paragraphs, CONTROL_MESSAGE).refine(isWellFormedText, WELL_FORMED_MESSAGE);

/**
 * For what is searched rather than stored: the unsafe characters become spaces instead of a
 * refusal, since a pasted search with a stray control character should still find things.
 */
export function withoutUnsafeCharacters(value: string): string {
  const spaced = value.replace(unsafeCharacters, " ");
  if (isWellFormedText(spaced)) return spaced;
  let out = "";
  for (let i = 0; i < spaced.length; i++) {
    const code = spaced.charCodeAt(i);
    if (isHigh(code) && isLow(spaced.charCodeAt(i + 1))) out += spaced.slice(i, ++i + 1);
    else out += isHigh(code) || isLow(code) ? "\ufffd" : spaced[i];
  }
  return out;
}
