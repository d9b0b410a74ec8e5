import { UserInputError } from '../topology/problems';

/** Exit code for usage errors and invalid input. */
export const EXIT_USAGE = 2;

/** Exit code for a bug in stateline (never 1, which means policy errors or a failing diff). */
export const EXIT_INTERNAL = 3;

/** Runs `fn`; a UserInputError prints its message (no stack trace) and exits 2. */
export function exitOnUserError(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserInputError) {
      process.stderr.write(`stateline: ${e.message}\n`);
      process.exit(EXIT_USAGE);
    }
    throw e;
  }
}
