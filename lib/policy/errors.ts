/**
 * A user input the policy check cannot read: a missing, unreadable, malformed, truncated or
 * oversized file, or a directory that is not a cloud assembly / cdktf output.
 * The CLI prints `message` (it names the file) and exits with `exitCode` (2); only bugs print a stack.
 */

/** Longest parser message echoed back (a garbage file can yield thousands of diagnostics). */
export const MAX_ECHOED_MESSAGE = 300;

/** Control, format, surrogate, private-use and unassigned code points, and U+FFFD (undecodable bytes). */
const NON_PRINTABLE_RUN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\uFFFD]+/gu;

/**
 * Text from a parser or a file, made safe to print: one line, no binary bytes (each run of
 * non-printable characters becomes one `?`), at most `max` characters (cut with `…`).
 */
export function cleanMessage(text: string, max = MAX_ECHOED_MESSAGE): string {
  let s = text.replace(/[\r\n\t]+/g, ' ').replace(NON_PRINTABLE_RUN, '?').replace(/ {2,}/g, ' ').trim();
  if (s.length > max) {
    let cut = max - 1;
    // Never split a surrogate pair.
    const c = s.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
    s = `${s.slice(0, cut)}…`;
  }
  return s;
}

/** An input that cannot be read as CloudFormation or Terraform: names the file (or document) and what is wrong. */
export class PolicyInputError extends Error {
  /** Exit code the CLI uses for expected user errors. */
  readonly exitCode = 2;
  /** The offending file or directory, relative to the working directory when possible. */
  readonly file: string;
  /** What is wrong and how to fix it (printable, bounded: parser text is cleaned before it gets here). */
  readonly detail: string;
  constructor(file: string, detail: string) {
    // Backstop: whatever a caller passes, the message stays printable and bounded.
    const f = cleanMessage(file, 500);
    const d = cleanMessage(detail, 800);
    super(`${f}: ${d}`);
    this.file = f;
    this.detail = d;
    this.name = 'PolicyInputError';
  }
}
