/** A validation problem: where, what was found, and what is allowed. */
export interface Problem {
  /** Field path written like `azure.serving[1].addressSpace`. */
  readonly path: string;
  /** The offending value (as given). */
  readonly value: unknown;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/** Thrown for invalid user input; the CLI prints it without a stack trace and exits 2. */
export class UserInputError extends Error {
  constructor(message: string, readonly problems: readonly Problem[] = []) {
    super(message);
    this.name = 'UserInputError';
  }
}

export type PathSegment = string | number;

/** `['azure', 'serving', 1, 'addressSpace']` -> `azure.serving[1].addressSpace`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(root)';
}

/** Reads a value at a path from untyped input; undefined when absent. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const s = JSON.stringify(value);
  if (s === undefined) return String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** One line per problem, sorted by path for stable output. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `  - ${p.path}: ${p.message} (got ${formatValue(p.value)})`)
    .join('\n');
}
