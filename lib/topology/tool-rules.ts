/**
 * Cross-field rules of `aws.tools[]` and `aws.agents[].tools`: exactly one kind per tool, unique
 * names, functions and secrets in the agents' account and region, the documents tools point at
 * (they exist and parse, see tool-documents.ts), outbound auth that AgentCore Identity can run,
 * nothing that would call a model on AWS, and tools the agents actually use. Like rules.ts, each
 * check skips values the schema already rejects, so one run reports every problem.
 */
import * as path from 'path';
import { closest } from './suggest';
import { formatPath, PathSegment, Problem, valueAt } from './problems';
import {
  checkOpenApiFile, documentRef, looksLikeS3, MODEL_RUNTIME_PREFIXES, MODEL_SERVICE_PREFIXES, readSmithyFile, readToolSchemaFile,
} from './tool-documents';
import { KMS_KEY_ARN, LAMBDA_ARN, SECRET_ARN, TOOL_KINDS } from './tool-schema';

type Raw = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

class Collector {
  readonly problems: Problem[] = [];
  constructor(readonly raw: unknown) {}
  add(p: readonly PathSegment[], message: string, value?: unknown) {
    this.problems.push({ path: formatPath(p), value: value === undefined ? valueAt(this.raw, p) : value, message });
  }
}

interface Context {
  readonly c: Collector;
  readonly region?: string;
  readonly account?: string;
  /** Directory relative file paths are resolved from (the config file's). */
  readonly baseDir: string;
}

/** An ARN's region and account against the agents' (`aws.region`, `aws.account`), with the reason each must match. */
function sameAccountRegion(ctx: Context, p: PathSegment[], arn: string, re: RegExp, what: string, why: { region: string; account: string }) {
  const m = re.exec(arn);
  if (!m) return;
  const [, , region, account] = m;
  if (ctx.region && region !== ctx.region) ctx.c.add(p, `is in ${region}; ${what} must be in the agents' region ${ctx.region} (aws.region): ${why.region}`);
  if (ctx.account && account !== ctx.account) ctx.c.add(p, `is in account ${account}, not the agents' account ${ctx.account} (aws.account): ${why.account}`);
}

const SECRET_WHY = {
  region: 'AgentCore Identity reads it in the agents\' region; replicate the secret there',
  account: 'AgentCore Identity reads it with the gateway role of the agents\' account; keep the secret in that account',
};
const KEY_WHY = { region: 'Secrets Manager decrypts the secret with it in that region', account: 'the gateway role may use keys of its own account only' };
const FUNCTION_WHY = {
  region: 'the gateway invokes Lambda targets in its own region',
  account: 'the gateway role may invoke it by identity policy only in its own account (another account would need a resource policy stateline does not manage)',
};

/** How messages name a file: relative to the working directory. */
const display = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || file;

function checkSecret(ctx: Context, p: PathSegment[], obj: Raw, key: string) {
  const arn = obj[key];
  if (typeof arn === 'string') sameAccountRegion(ctx, [...p, key], arn, SECRET_ARN, 'the secret', SECRET_WHY);
  if (typeof obj.kmsKeyArn === 'string') sameAccountRegion(ctx, [...p, 'kmsKeyArn'], obj.kmsKeyArn, KMS_KEY_ARN, 'the key', KEY_WHY);
}

function checkOAuth2(ctx: Context, p: PathSegment[], o: unknown) {
  if (!isObj(o)) return;
  checkSecret(ctx, p, o, 'clientSecretArn');
  const metadata = ['issuer', 'authorizationEndpoint', 'tokenEndpoint'] as const;
  const given = metadata.filter((k) => o[k] !== undefined);
  if (o.discoveryUrl !== undefined && given.length > 0) {
    ctx.c.add(p, `sets discoveryUrl and ${given.join(', ')}; give the authorization server one way: discoveryUrl, or issuer, authorizationEndpoint and tokenEndpoint`, { discoveryUrl: o.discoveryUrl, ...Object.fromEntries(given.map((k) => [k, o[k]])) });
  } else if (o.discoveryUrl === undefined) {
    for (const k of metadata) {
      if (o[k] === undefined) ctx.c.add([...p, k], 'is required without discoveryUrl (AgentCore Identity needs the issuer, authorization and token endpoints of the authorization server)');
    }
  } else if (typeof o.discoveryUrl === 'string' && !/\/\.well-known\/(openid-configuration|oauth-authorization-server)$/.test(o.discoveryUrl)) {
    ctx.c.add([...p, 'discoveryUrl'], 'must end with /.well-known/openid-configuration (or /.well-known/oauth-authorization-server)');
  }
}

function checkLambda(ctx: Context, p: PathSegment[], l: Raw) {
  if (typeof l.functionArn === 'string') {
    sameAccountRegion(ctx, [...p, 'functionArn'], l.functionArn, LAMBDA_ARN, 'the function', FUNCTION_WHY);
  }
  if (typeof l.toolSchema === 'string') {
    const file = path.resolve(ctx.baseDir, l.toolSchema);
    for (const problem of readToolSchemaFile(file, display(file)).problems) ctx.c.add([...p, 'toolSchema'], problem);
  }
}

/** `schema` / `model`: an S3 URI that parses, or a file that passes `check`. */
function checkDocument(ctx: Context, p: PathSegment[], value: unknown, check: (file: string, shown: string) => string[]) {
  if (typeof value !== 'string' || value === '') return;
  if (looksLikeS3(value)) {
    if (documentRef(value).kind !== 's3') ctx.c.add(p, 'is not a valid S3 URI: use s3://<bucket>/<key> (a bucket name of 3-63 lowercase letters, digits, "." or "-")');
    return;
  }
  const file = path.resolve(ctx.baseDir, value);
  for (const problem of check(file, display(file))) ctx.c.add(p, problem);
}

function checkOpenApi(ctx: Context, p: PathSegment[], o: Raw) {
  checkDocument(ctx, [...p, 'schema'], o.schema, checkOpenApiFile);
  const auth = isObj(o.auth) ? o.auth : undefined;
  if (!auth) return;
  const kinds = ['apiKey', 'oauth2'].filter((k) => auth[k] !== undefined);
  if (kinds.length !== 1) {
    ctx.c.add([...p, 'auth'], kinds.length === 0
      ? 'needs apiKey or oauth2: the gateway authenticates to the API through an AgentCore Identity credential provider'
      : 'sets both apiKey and oauth2; choose one');
  }
  if (isObj(auth.apiKey)) checkSecret(ctx, [...p, 'auth', 'apiKey'], auth.apiKey, 'secretArn');
  checkOAuth2(ctx, [...p, 'auth', 'oauth2'], auth.oauth2);
}

function checkMcp(ctx: Context, p: PathSegment[], m: Raw) {
  if (typeof m.endpoint === 'string') {
    const host = /^https:\/\/([^/:?#]+)/.exec(m.endpoint)?.[1]?.toLowerCase() ?? '';
    if (MODEL_RUNTIME_PREFIXES.some((prefix) => host.startsWith(`${prefix}.`) || host.includes(`.${prefix}.`))) {
      ctx.c.add([...p, 'endpoint'], 'is an AWS model runtime endpoint: a tool calling it would run inference on AWS; stateless inference is served only from Azure');
    }
  }
  if (isObj(m.auth)) checkOAuth2(ctx, [...p, 'auth', 'oauth2'], m.auth.oauth2);
}

function checkSmithy(ctx: Context, p: PathSegment[], s: Raw) {
  let service: ReturnType<typeof readSmithyFile>['service'];
  checkDocument(ctx, [...p, 'model'], s.model, (file, shown) => {
    const r = readSmithyFile(file, shown);
    service = r.service;
    return r.problems;
  });
  arr(s.allow).forEach((entry, j) => {
    if (!isObj(entry)) return;
    arr(entry.actions).forEach((action, k) => {
      if (typeof action !== 'string' || !action.includes(':')) return;
      const prefix = action.split(':')[0];
      const ap = [...p, 'allow', j, 'actions', k];
      if (MODEL_SERVICE_PREFIXES.includes(prefix)) {
        ctx.c.add(ap, `is an action of ${prefix}, an AWS model service: tools may not call it (stateless inference is served only from Azure, and the gateway's permission boundary denies model invocation)`);
      } else if (service?.arnNamespace && prefix !== service.arnNamespace) {
        ctx.c.add(ap, `is not an action of the modelled service ${service.sdkId ?? service.shapeId} (its IAM prefix is "${service.arnNamespace}")`);
      }
    });
  });
}

/** One tool: exactly one kind, then that kind's checks. */
function checkTool(ctx: Context, t: Raw, i: number) {
  const p: PathSegment[] = ['aws', 'tools', i];
  const kinds = TOOL_KINDS.filter((k) => t[k] !== undefined);
  if (kinds.length === 0) ctx.c.add(p, `needs exactly one kind: ${TOOL_KINDS.join(', ')}`, typeof t.name === 'string' ? { name: t.name } : t);
  if (kinds.length > 1) ctx.c.add(p, `sets ${kinds.join(' and ')}; a tool has exactly one kind (declare two tools instead)`, Object.fromEntries(kinds.map((k) => [k, '...'])));
  if (isObj(t.lambda)) checkLambda(ctx, [...p, 'lambda'], t.lambda);
  if (isObj(t.openapi)) checkOpenApi(ctx, [...p, 'openapi'], t.openapi);
  if (isObj(t.mcp)) checkMcp(ctx, [...p, 'mcp'], t.mcp);
  if (isObj(t.smithy)) checkSmithy(ctx, [...p, 'smithy'], t.smithy);
}

/** Every problem of `aws.tools[]` and the agents' tool lists. `baseDir` resolves relative file paths. */
export function toolProblems(raw: unknown, baseDir: string = process.cwd()): Problem[] {
  const c = new Collector(raw);
  const region = valueAt(raw, ['aws', 'region']);
  const account = valueAt(raw, ['aws', 'account']);
  const ctx: Context = { c, baseDir, region: typeof region === 'string' ? region : undefined, account: typeof account === 'string' && /^\d{12}$/.test(account) ? account : undefined };
  const tools = arr(valueAt(raw, ['aws', 'tools']));
  const names = new Map<string, number>();
  tools.forEach((t, i) => {
    if (!isObj(t)) return;
    if (typeof t.name === 'string') {
      const key = t.name.toLowerCase();
      if (names.has(key)) c.add(['aws', 'tools', i, 'name'], `duplicates aws.tools[${names.get(key)}].name (names are compared without case: they name gateway targets and credential providers)`);
      else names.set(key, i);
    }
    checkTool(ctx, t, i);
  });
  const known = [...new Set(tools.filter(isObj).map((t) => t.name).filter((n): n is string => typeof n === 'string'))];
  const used = new Set<string>();
  arr(valueAt(raw, ['aws', 'agents'])).forEach((a, i) => {
    if (!isObj(a)) return;
    const seen = new Set<string>();
    arr(a.tools).forEach((name, j) => {
      if (typeof name !== 'string') return;
      const p = ['aws', 'agents', i, 'tools', j];
      if (seen.has(name)) c.add(p, 'is listed twice');
      seen.add(name);
      used.add(name);
      if (!known.includes(name)) {
        const hint = closest(name, known);
        c.add(p, `is not a tool of this topology${hint ? ` (did you mean "${hint}"?)` : ''}; ${known.length > 0 ? `declared in aws.tools: ${known.join(', ')}` : 'declare it in aws.tools first'}`);
      }
    });
  });
  tools.forEach((t, i) => {
    if (isObj(t) && typeof t.name === 'string' && !used.has(t.name)) {
      c.add(['aws', 'tools', i, 'name'], 'is not used by any agent: list it in aws.agents[].tools (each agent gets a gateway with exactly its tools), or remove it');
    }
  });
  return c.problems;
}
