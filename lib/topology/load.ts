/**
 * Loads a topology from `stateline.config.ts|.json|.yaml`, or the embedded default.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, type YAMLError } from 'yaml';
import { DEFAULT_TOPOLOGY } from './default';
import { derive, Derived } from './derive';
import { formatProblems, UserInputError } from './problems';
import { validateTopology } from './validate';
import { resolveConfigPath } from './config-path';

export { CONFIG_CANDIDATES, CONFIG_ENV, resolveConfigPath } from './config-path';

/** A derived topology with where it came from. */
export interface LoadedTopology extends Derived {
  /** Where it came from: a path relative to cwd, or `(embedded default)`. */
  readonly source: string;
}

/**
 * Loads a TypeScript/JavaScript config. Under tsx (the CDK/CDKTF apps, the CLI run from the
 * sources) and jest, plain `require` works; the compiled CLI and any other caller fall back
 * to tsx's API (compiles on the fly, no type-check: the schema validates).
 */
function requireTs(abs: string): Record<string, unknown> {
  delete require.cache[abs];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(abs) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof SyntaxError) && (e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { require: tsxRequire } = require('tsx/cjs/api') as { require: (id: string, from: string) => Record<string, unknown> };
    return tsxRequire(abs, __filename);
  }
}

/** Parser messages can echo the input: keep them short and printable. */
function printable(message: string): string {
  const clean = message.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

/**
 * One YAML parse error on one line: where, what, and the line it is on. The parser's own message
 * ends with a colon followed by a source excerpt; that excerpt is replaced by the quoted line.
 */
function yamlProblem(e: YAMLError, text: string): string {
  const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
  const pos = e.linePos?.[0];
  if (!pos) return printable(what);
  const line = (text.split(/\r?\n/)[pos.line - 1] ?? '').trim();
  const quoted = line.length > 60 ? `${line.slice(0, 57)}...` : line;
  return `line ${pos.line}, column ${pos.col}: ${printable(what)}${quoted ? ` (in "${printable(quoted)}")` : ''}`;
}

/** Reads the raw (unvalidated) config object from a file. */
export function readConfigFile(file: string): unknown {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new UserInputError(`config file not found: ${file}`);
  const ext = path.extname(abs).toLowerCase();
  if (ext === '.ts' || ext === '.mts' || ext === '.cts' || ext === '.js' || ext === '.cjs') {
    let mod: Record<string, unknown>;
    try {
      mod = requireTs(abs);
    } catch (e) {
      throw new UserInputError(`cannot load ${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    return mod.default ?? mod.topology ?? mod;
  }
  const text = fs.readFileSync(abs, 'utf8');
  if (ext === '.json') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new UserInputError(`${file} is not valid JSON: ${printable((e as Error).message)}`);
    }
  }
  if (ext === '.yaml' || ext === '.yml') {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new UserInputError(`${file} is not valid YAML:\n${doc.errors.slice(0, 5).map((e) => `  - ${yamlProblem(e, text)}`).join('\n')}`);
    }
    return doc.toJS({ maxAliasCount: 100 });
  }
  throw new UserInputError(`unsupported config extension "${ext}" for ${file}: use .ts, .json, .yaml or .yml`);
}

/**
 * Validates raw input and derives everything; throws UserInputError listing every problem.
 * `baseDir` is the directory file paths in the topology are relative to (the config file's).
 */
export function topologyFromRaw(raw: unknown, source: string, baseDir: string = process.cwd()): LoadedTopology {
  const result = validateTopology(raw, { baseDir });
  if (!result.ok) {
    const n = result.problems.length;
    throw new UserInputError(`${source}: ${n} problem${n === 1 ? '' : 's'} in the topology:\n${formatProblems(result.problems)}`, result.problems);
  }
  return { ...derive(result.topology), source };
}

/** Loads, validates and derives the topology: `file`, else $STATELINE_CONFIG, else stateline.config.* in cwd, else the embedded default; throws `UserInputError` listing every problem. */
export function loadTopology(file?: string): LoadedTopology {
  const resolved = resolveConfigPath(file);
  if (!resolved) return topologyFromRaw(DEFAULT_TOPOLOGY, '(embedded default)');
  const rel = path.relative(process.cwd(), path.resolve(resolved)) || resolved;
  const raw = readConfigFile(rel);
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    throw new UserInputError(`${rel} is empty: expected a topology object with name, azure and aws (see schema/stateline.schema.json)`);
  }
  return topologyFromRaw(raw, rel, path.dirname(path.resolve(resolved)));
}
