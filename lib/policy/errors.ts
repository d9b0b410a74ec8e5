/**
 * A user input the policy check cannot read: a missing, unreadable, malformed, truncated or
 * oversized file, or a directory that is not a cloud assembly / cdktf output.
 * The CLI prints `message` (it names the file) and exits with `exitCode` (2); only bugs print a stack.
 */
export class PolicyInputError extends Error {
  /** Exit code the CLI uses for expected user errors. */
  readonly exitCode = 2;
  constructor(
    /** The offending file or directory, relative to the working directory when possible. */
    readonly file: string,
    /** What is wrong and how to fix it. */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'PolicyInputError';
  }
}
