/**
 * Literal secrets in synthesized properties. Secret-ness comes from what an attribute is, not from a
 * substring of its name:
 *
 * 1. Schema positions (sensitive-table.ts): attributes the Terraform providers mark `sensitive` and the
 *    CloudFormation registry properties that are credentials (`MasterUserPassword`, `PreSharedKey`,
 *    `AuthParameters.ApiKeyAuthParameters.ApiKeyValue`, AgentCore credential providers' `ApiKey` /
 *    `ClientSecret`, ...). A literal there is a leak; sensitive non-credentials (certificates, scripts)
 *    only when the value has a secret's shape.
 * 2. Free-form variables (environment variables, app settings, ECS/Kubernetes `{name, value}` pairs):
 *    the names people give secrets (`*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_API_KEY`, `AZURE_OPENAI_KEY`).
 * 3. Auth-parameter blocks however they are named (`AuthParameters`, `auth_parameters`, `BasicAuthConfig`,
 *    `*Credentials`): fields whose own name is a credential, and header/query pairs marked secret or named
 *    like one (`Authorization`, `x-api-key`).
 * 4. Value shapes anywhere: PEM private keys, connection strings carrying a key or password, and access
 *    tokens with a vendor prefix (GitHub, Slack, Stripe, OpenAI, Anthropic, Google, Hugging Face).
 * Types the schemas do not describe (other providers, `Custom::`) fall back to credential names.
 *
 * References are never findings: intrinsics, dynamic references (`{{resolve:secretsmanager:...}}`),
 * `${...}` interpolations (sensitive variables, `data.aws_secretsmanager_secret_version...`), Key Vault
 * references, ARNs and secret paths. Values are never returned, only where they are and how long.
 */
import { decodeDocument } from '../util/hcl-expr';
import { isIntrinsic } from '../util/values';
import { envSecretStrength, isCredentialName } from './credential-names';
import { isCredentialPath, isSchemaKnown, SensitivePath, sensitivePaths } from './sensitive-table';

/** Where a literal secret sits, and its length (the value itself is never kept). */
export interface SecretHit {
  readonly path: string;
  readonly length: number;
  readonly kind: 'named' | 'private-key' | 'connection-string' | 'token';
}

/** String fields that hold embedded JSON documents worth walking (ECS definitions, azapi bodies, Kubernetes manifests). */
const EMBEDDED_DOCS = new Set(['container_definitions', 'ContainerDefinitions', 'body', 'manifest', 'Manifest', 'values', 'Values']);

const PRIVATE_KEY_RE = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const CONN_STRING_KEY_RE = /(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=(?!\$\{|\{\{)[^;'"\s]{3,}/i;
/** Access tokens whose vendor prefix makes them unmistakable (the whole value is the token). */
const VENDOR_TOKEN_RE =
  /^(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{50,}|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_live_[0-9A-Za-z]{16,}|sk-ant-[A-Za-z0-9_-]{32,}|sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{34,})$/;

/** Public material and identifiers that secret-looking positions may hold: public keys, certificates, KMS aliases, mapping expressions. */
const NOT_SECRET_VALUE_RE =
  /^(?:-----BEGIN (?:[A-Z]+ )*(?:PUBLIC KEY|CERTIFICATE)-----|ssh-(?:rsa|ed25519|dss) |ecdsa-sha2-|sk-ssh-|alias\/[\w/-]+$|(?:method|integration|context|stageVariables)\.[\w.-]+$|keybase:)/;

/** A literal value that may be a secret: not a reference, ARN, secret path, public key, placeholder or flag. */
export function isLiteralSecretValue(v: string): boolean {
  const t = v.trim();
  if (t.length === 0 || t === 'true' || t === 'false' || /^\*+$/.test(t)) return false;
  if (t.includes('${') || t.includes('{{resolve:')) return false;
  if (t.startsWith('arn:') || t.startsWith('@Microsoft.KeyVault(') || /^projects\/[^/]+\/secrets\//.test(t)) return false;
  if (/^https:\/\/[\w-]+\.vault\.azure\.net\/secrets\//i.test(t)) return false;
  if (NOT_SECRET_VALUE_RE.test(t)) return false;
  return true;
}

/**
 * A value shaped like a key or token (for weakly named variables such as `STRIPE_KEY`): 8+ characters,
 * no spaces, not a URL or path, and mixing character classes the way generated secrets do.
 */
export function isTokenShaped(v: string): boolean {
  const t = v.trim();
  if (t.length < 8 || /\s/.test(t) || t.includes('://') || t.startsWith('/')) return false;
  const digit = /\d/.test(t);
  const upper = /[A-Z]/.test(t);
  const lower = /[a-z]/.test(t);
  return (digit && (upper || lower)) || (upper && lower && t.length >= 16);
}

/** First characters of vendor tokens (`ghp_`, `github_pat_`, `xoxb-`, `sk_`, `rk_`, `sk-`, `AIza`, `hf_`): a cheap filter before the regex. */
const TOKEN_FIRST = new Set([103, 120, 115, 114, 65, 104]);

/** The shape-only finding for a value, if any (private key, connection string with a key, vendor token). */
function shapeKind(value: string): SecretHit['kind'] | undefined {
  const n = value.length;
  if (n <= 10) return undefined;
  if (n > 30 && value.includes('PRIVATE KEY-----') && PRIVATE_KEY_RE.test(value)) return 'private-key';
  if (value.includes('=') && CONN_STRING_KEY_RE.test(value)) return 'connection-string';
  if (n >= 20 && n <= 200 && TOKEN_FIRST.has(value.charCodeAt(0)) && VENDOR_TOKEN_RE.test(value)) return 'token';
  return undefined;
}

/** Containers of user-named variables: their keys (or `{name, value}` pairs) are judged by `envSecretStrength`. */
const ENV_CONTAINERS = new Set([
  'variables', 'environment', 'environmentvariables', 'env', 'appsettings', 'runtimeenvironmentvariables', 'secureenvironmentvariables',
  'sensitiveenvironmentvariables', 'environmentvariable', 'optionsettings', 'setting', 'containerenvironment', 'envvars',
]);
/** Pairs whose value is a reference by declaration (CodeBuild `Type: PARAMETER_STORE`, ECS `valueFrom`). */
const REFERENCE_PAIR_TYPES = /^(?:PARAMETER_STORE|SECRETS_MANAGER|SECRET_REF|SECRETREF)$/i;
/** Header names that carry credentials in HTTP auth/invocation parameters. */
const AUTH_HEADER_RE = /^(?:proxy-)?authorization$|^x-(?:api|auth|access)-(?:key|token)$|^(?:api[-_]?key|access[-_]?token)$/i;

const NONE = 0;
const ENV = 1;
const AUTH = 2;
type Context = typeof NONE | typeof ENV | typeof AUTH;

const containerCache = new Map<string, Context>();
/** The context a key opens for its value: an env container, an auth block, or none. */
function contextOf(key: string): Context {
  let c = containerCache.get(key);
  if (c === undefined) {
    const n = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    c = ENV_CONTAINERS.has(n) ? ENV : /auth|credential|oauth/.test(n) && !/authori[sz]ationtype|authtype|authmode|authenticationtype/.test(n) ? AUTH : NONE;
    if (containerCache.size < 10_000) containerCache.set(key, c);
  }
  return c;
}

/** Walk state shared by the walker functions (no closures allocated per resource). */
interface Walk {
  readonly hits: SecretHit[];
  readonly trail: Array<string | number>;
  /** Paths already reported from the schema table. */
  readonly reported: Set<string>;
  /** Whether names of schema attributes carry no judgement here (the type is described by the table). */
  readonly known: boolean;
}

function record(w: Walk, kind: SecretHit['kind'], value: string, extra?: string): void {
  const path = extra === undefined ? w.trail.join('.') : [...w.trail, extra].join('.');
  if (w.reported.has(path)) return;
  w.reported.add(path);
  w.hits.push({ path, length: value.length, kind });
}

/** A string leaf under `name` in context `ctx`. */
function visitString(w: Walk, value: string, name: string | undefined, ctx: Context): void {
  const shape = shapeKind(value);
  if (shape) return record(w, shape, value);
  if (name === undefined) return;
  if (ctx === ENV) {
    const strength = envSecretStrength(name);
    if ((strength === 2 || (strength === 1 && isTokenShaped(value))) && isLiteralSecretValue(value)) record(w, 'named', value);
  } else if ((ctx === AUTH || !w.known) && isCredentialName(name) && isLiteralSecretValue(value)) {
    record(w, 'named', value);
  }
}

/** `{ Name: "DB_PASSWORD", Value: "..." }`, `{ key: "x-api-key", value: "...", is_value_secret: true }`: name, value and whether declared secret. */
function pairOf(o: Record<string, unknown>): { name: string; value: string; valueKey: string; declaredSecret: boolean } | undefined {
  let n = 0;
  for (const _ in o) if (++n > 4) return undefined;
  const name = o.Name ?? o.name ?? o.Key ?? o.key ?? o.OptionName ?? o.option_name;
  const valueKey = 'Value' in o ? 'Value' : 'value' in o ? 'value' : undefined;
  if (typeof name !== 'string' || valueKey === undefined || typeof o[valueKey] !== 'string') return undefined;
  const type = o.Type ?? o.type;
  if (typeof type === 'string' && REFERENCE_PAIR_TYPES.test(type)) return undefined;
  const secretFlag = o.IsValueSecret ?? o.is_value_secret;
  return { name, value: o[valueKey] as string, valueKey, declaredSecret: secretFlag === true || secretFlag === 'true' };
}

function visitPair(w: Walk, pair: NonNullable<ReturnType<typeof pairOf>>, ctx: Context): void {
  const { name, value } = pair;
  // Already reported through the schema (`auth_parameters.api_key.value`).
  if (w.reported.size > 0 && w.reported.has([...w.trail, pair.valueKey].join('.'))) return;
  const shape = shapeKind(value);
  if (shape) return record(w, shape, value, name);
  if (!isLiteralSecretValue(value)) return;
  if (ctx === AUTH && (pair.declaredSecret || AUTH_HEADER_RE.test(name))) return record(w, 'named', value, name);
  const strength = envSecretStrength(name);
  if (strength === 2 || (strength === 1 && isTokenShaped(value))) record(w, 'named', value, name);
}

const MAX_DEPTH = 40;

function walk(w: Walk, v: unknown, name: string | undefined, ctx: Context, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof v === 'string') {
    if (name !== undefined && EMBEDDED_DOCS.has(name) && /^\s*[[{]|^\$\{\s*jsonencode\(/.test(v)) {
      const doc = decodeDocument(v);
      if (doc !== undefined) return walkEmbedded(w, doc, depth);
    }
    visitString(w, v, name, ctx);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      w.trail.push(i);
      walk(w, v[i], name, ctx, depth + 1);
      w.trail.pop();
    }
    return;
  }
  const o = v as Record<string, unknown>;
  if (isIntrinsic(o)) return;
  // Pairs only where names are user data (env containers, auth blocks) or the type is not described by a schema.
  const pair = depth > 0 && (ctx !== NONE || !w.known) ? pairOf(o) : undefined;
  if (pair) visitPair(w, pair, ctx === NONE ? ENV : ctx);
  for (const k in o) {
    if (pair && k === pair.valueKey) continue;
    // Inside an env container every key is a variable name; an auth block stays one below unless a container opens.
    let next: Context = ctx;
    if (ctx !== ENV) {
      const inner = contextOf(k);
      if (inner !== NONE) next = inner;
    }
    w.trail.push(k);
    walk(w, o[k], k, next, depth + 1);
    w.trail.pop();
  }
}

/** Embedded documents (ECS container definitions, manifests, azapi bodies) are not described by the table: credential names apply. */
function walkEmbedded(w: Walk, doc: unknown, depth: number): void {
  const inner: Walk = { hits: w.hits, trail: w.trail, reported: w.reported, known: false };
  walk(inner, doc, undefined, NONE, depth + 1);
}

/** Values at a schema path (`a.b.c`), through lists and HCL's one-element block lists, with display paths. */
function valuesAt(root: unknown, path: readonly string[], i: number, trail: Array<string | number>, out: Array<[string, string, Record<string, unknown>]>, parent: Record<string, unknown>): void {
  if (Array.isArray(root)) {
    for (let j = 0; j < root.length; j++) {
      trail.push(j);
      valuesAt(root[j], path, i, trail, out, parent);
      trail.pop();
    }
    return;
  }
  if (i === path.length) {
    if (typeof root === 'string') out.push([trail.join('.'), root, parent]);
    return;
  }
  if (typeof root !== 'object' || root === null || isIntrinsic(root)) return;
  const o = root as Record<string, unknown>;
  const next = o[path[i]];
  if (next === undefined) return;
  trail.push(path[i]);
  valuesAt(next, path, i + 1, trail, out, o);
  trail.pop();
}

/** Literal values in the type's secret-bearing attributes. */
function schemaHits(w: Walk, type: string, paths: readonly SensitivePath[], properties: Record<string, unknown>): void {
  const found: Array<[string, string, Record<string, unknown>]> = [];
  for (const p of paths) {
    found.length = 0;
    valuesAt(properties, p.path, 0, [], found, {});
    for (const [path, value, parent] of found) {
      if (!isLiteralSecretValue(value)) continue;
      // An EventBridge header/query/body parameter declared not secret (`is_value_secret = false`) is plain configuration.
      const flag = parent.is_value_secret ?? parent.IsValueSecret;
      if (flag === false || flag === 'false') continue;
      const shape = shapeKind(value);
      if (!shape && !isCredentialPath(type, p, properties)) continue;
      if (w.reported.has(path)) continue;
      w.reported.add(path);
      w.hits.push({ path, length: value.length, kind: shape ?? 'named' });
    }
  }
}

/** Finds literal secrets in a resource's properties. Walks every value once; joins paths only for hits. */
export function findSecrets(properties: Record<string, unknown>, type = ''): SecretHit[] {
  const w: Walk = { hits: [], trail: [], reported: new Set(), known: type !== '' && isSchemaKnown(type) };
  const paths = type ? sensitivePaths(type) : [];
  if (paths.length) schemaHits(w, type, paths, properties);
  walk(w, properties, undefined, NONE, 0);
  return w.hits;
}
