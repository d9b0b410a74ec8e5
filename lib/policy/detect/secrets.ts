/**
 * Literal secrets in synthesized properties: values under secret-looking names (PASSWORD,
 * SECRET, API_KEY, TOKEN, pre-shared keys, connection strings), private key PEM blocks and
 * connection strings carrying keys, anywhere in a resource. References are fine: intrinsics,
 * dynamic references (`{{resolve:secretsmanager:...}}`), `${...}` interpolations, Key Vault
 * references and ARNs. Values are never returned, only where they are and how long.
 */
import { decodeDocument } from '../util/hcl-expr';
import { isIntrinsic } from '../util/values';

/** Normalized key names (lowercase alphanumerics) that end like a secret. */
const SECRET_NAME_RE =
  /(?:password|passwd|passphrase|pwd|secret|secretkey|secretstring|apikey|accesskey|secretaccesskey|token|authtoken|bearertoken|presharedkey|sharedkey|psk|connectionstring|connstr|privatekey|clientsecret|credential|credentials|sastoken|sharedaccesskey)$/;
/** Secret-looking names that hold something else (a Lambda ARN, a public value, the JSON key a generated secret is stored under). */
const NOT_SECRET_NAMES = new Set(['servicetoken', 'publickey', 'nexttoken', 'clienttoken', 'idempotencytoken', 'generatestringkey']);
/** String fields that hold embedded JSON documents worth walking (ECS definitions, azapi bodies, Kubernetes manifests, Helm values). */
const EMBEDDED_DOCS = new Set(['container_definitions', 'ContainerDefinitions', 'body', 'manifest', 'Manifest', 'values', 'Values']);

const PRIVATE_KEY_RE = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const CONN_STRING_KEY_RE = /(?:AccountKey|SharedAccessKey|Password|Pwd)=(?!\$\{|\{\{)[^;'"\s]{3,}/i;

/**
 * Words before a final `KEY` segment that make it an identifier, not a secret: `PUBLIC_KEY`,
 * `PARTITION_KEY`, `S3_KEY` (an object key), `KMS_KEY` (an id or alias), `CACHE_KEY`, ...
 */
const NOT_SECRET_KEY_QUALIFIERS = new Set([
  'public', 'pub', 'partition', 'sort', 'hash', 'range', 'foreign', 'composite', 'row', 'column', 'attribute', 'index',
  's3', 'object', 'bucket', 'blob', 'file', 'cache', 'idempotency', 'dedup', 'deduplication', 'routing', 'shard', 'group', 'message',
  'lookup', 'map', 'dict', 'order', 'tag', 'label', 'metric', 'dimension', 'kms', 'cmk', 'pgp', 'gpg', 'ssh', 'encoded',
  'instrumentation', 'lock', 'translation', 'i18n', 'feature', 'flag', 'config', 'setting', 'header', 'path', 'json', 'yaml',
]);
/** Words before a final `TOKEN(S)` segment that make it a count or limit (`MAX_TOKENS`, `MAX_OUTPUT_TOKEN`). */
const TOKEN_COUNT_QUALIFIERS = new Set(['max', 'min', 'num', 'count', 'limit', 'output', 'input', 'context', 'prompt', 'completion', 'total']);

/** `AZURE_OPENAI_KEY` -> [azure, openai, key]; `apiKey` -> [api, key]; `S3Key` -> [s3, key]. */
const segments = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Judges a name by its word segments: a final `KEY`/`KEYS` word (not an identifier kind of key), token counts. */
function secretBySegments(name: string, suffixMatch: boolean): boolean {
  const seg = segments(name);
  const last = seg[seg.length - 1];
  const prev = seg[seg.length - 2];
  if (suffixMatch) return !((last === 'token' || last === 'tokens') && prev !== undefined && TOKEN_COUNT_QUALIFIERS.has(prev)) && name.trim().toUpperCase() !== 'PWD';
  // `KEY` alone is too generic (an S3 object key, a tag key); a qualified one is a secret unless the qualifier says it is an
  // identifier. Plural `KEYS` are lists of identifiers (`dynamodb:LeadingKeys`, `ALLOWED_KEYS`) except `API_KEYS`.
  if (prev === undefined) return false;
  return (last === 'key' && !NOT_SECRET_KEY_QUALIFIERS.has(prev)) || (last === 'keys' && prev === 'api');
}

const nameCache = new Map<string, boolean>();
/**
 * Whether a property / variable name looks like it holds a secret (memoized: names repeat across
 * resources): it ends like a secret (`..._PASSWORD`, `..._SECRET`, `..._TOKEN`, `apiKey`, pre-shared
 * key...), or its last word is `KEY` after a word that does not make it an identifier
 * (`AZURE_OPENAI_KEY`, `STRIPE_KEY` yes; `KEY_VAULT_NAME`, `KMS_KEY_ID`, `PUBLIC_KEY`, `S3_KEY` no).
 */
export function isSecretName(name: string): boolean {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    // `service:ConditionKey` (IAM condition keys such as `dynamodb:LeadingKeys`, `aws:SecureTransport`) name no variable.
    if (name.includes(':')) {
      if (nameCache.size < 10_000) nameCache.set(name, false);
      return false;
    }
    const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const suffix = SECRET_NAME_RE.test(n);
    hit = !NOT_SECRET_NAMES.has(n) && secretBySegments(name, suffix);
    if (nameCache.size < 10_000) nameCache.set(name, hit);
  }
  return hit;
}

/** Public material and identifiers that secret-looking names may hold: public keys, certificates, KMS aliases, API Gateway mapping expressions. */
const NOT_SECRET_VALUE_RE =
  /^(?:-----BEGIN (?:[A-Z]+ )*(?:PUBLIC KEY|CERTIFICATE)-----|ssh-(?:rsa|ed25519|dss) |ecdsa-sha2-|sk-ssh-|alias\/[\w/-]+$|(?:method|integration|context|stageVariables)\.[\w.-]+$|keybase:)/;

/** A literal value that is a real secret, not a reference, ARN, public key, placeholder or flag. */
function isLiteralSecretValue(v: string): boolean {
  const t = v.trim();
  if (t.length === 0 || t === 'true' || t === 'false' || /^\*+$/.test(t)) return false;
  if (t.includes('${') || t.includes('{{resolve:')) return false;
  if (t.startsWith('arn:') || t.startsWith('@Microsoft.KeyVault(') || /^projects\/[^/]+\/secrets\//.test(t)) return false;
  if (NOT_SECRET_VALUE_RE.test(t)) return false;
  return true;
}

/** Where a literal secret sits, and its length (the value itself is never kept). */
export interface SecretHit {
  readonly path: string;
  readonly length: number;
  readonly kind: 'named' | 'private-key' | 'connection-string';
}

const MAX_DEPTH = 40;

/**
 * Fields whose name says nothing but whose resource type makes them a secret: a Key Vault secret's
 * `value`, an API key's `Value`, a SecureString parameter's `value`.
 */
const SECRET_VALUE_FIELDS: Record<string, (p: Record<string, unknown>) => string | undefined> = {
  azurerm_key_vault_secret: () => 'value',
  google_secret_manager_secret_version: () => 'secret_data',
  aws_api_gateway_api_key: () => 'value',
  'AWS::ApiGateway::ApiKey': () => 'Value',
  aws_ssm_parameter: (p) => (p.type === 'SecureString' ? 'value' : undefined),
};

/** Literal secrets held in type-specific value fields (see SECRET_VALUE_FIELDS). */
export function findTypedSecrets(type: string, properties: Record<string, unknown>): SecretHit[] {
  const field = SECRET_VALUE_FIELDS[type]?.(properties);
  const v = field ? properties[field] : undefined;
  return field && typeof v === 'string' && isLiteralSecretValue(v) ? [{ path: field, length: v.length, kind: 'named' }] : [];
}

/** Walk state, shared by the module-level walker functions (no closures allocated per resource). */
interface Walk {
  readonly hits: SecretHit[];
  readonly trail: Array<string | number>;
}

function record(w: Walk, kind: SecretHit['kind'], value: string): void {
  w.hits.push({ path: w.trail.join('.'), length: value.length, kind });
}

function visitString(w: Walk, value: string, name: string | undefined): void {
  if (name !== undefined && isSecretName(name) && isLiteralSecretValue(value)) record(w, 'named', value);
  else if (value.length > 30 && value.includes('PRIVATE KEY-----') && PRIVATE_KEY_RE.test(value)) record(w, 'private-key', value);
  else if (value.length > 10 && value.includes('=') && CONN_STRING_KEY_RE.test(value)) record(w, 'connection-string', value);
}

function keyCountIs2(o: Record<string, unknown>): boolean {
  let n = 0;
  for (const _ in o) if (++n > 2) return false;
  return n === 2;
}

function walk(w: Walk, v: unknown, name: string | undefined, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof v === 'string') {
    if (name !== undefined && EMBEDDED_DOCS.has(name) && /^\s*[[{]|^\$\{\s*jsonencode\(/.test(v)) {
      const doc = decodeDocument(v);
      if (doc !== undefined) return walk(w, doc, undefined, depth + 1);
    }
    visitString(w, v, name);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      w.trail.push(i);
      walk(w, v[i], name, depth + 1);
      w.trail.pop();
    }
    return;
  }
  const o = v as Record<string, unknown>;
  if (isIntrinsic(o)) return;
  // `{ Name: "DB_PASSWORD", Value: "..." }` (ECS, App Runner, Batch, app settings): the name is the key.
  // Only two-key objects below the top level are pairs: a resource's own `name`/`value` are not.
  let pairName: unknown;
  let pairValue: unknown;
  if (depth > 0 && keyCountIs2(o)) {
    pairName = o.Name ?? o.name ?? o.Key ?? o.key;
    pairValue = 'Value' in o ? o.Value : o.value;
  }
  const isPair = typeof pairName === 'string' && typeof pairValue === 'string';
  if (isPair) {
    w.trail.push(pairName as string);
    visitString(w, pairValue as string, pairName as string);
    w.trail.pop();
  }
  for (const k in o) {
    if (isPair && (k === 'Value' || k === 'value')) continue;
    w.trail.push(k);
    walk(w, o[k], k, depth + 1);
    w.trail.pop();
  }
}

/** Finds literal secrets in a properties object. Walks every value once; joins paths only for hits. */
export function findSecrets(properties: unknown): SecretHit[] {
  const w: Walk = { hits: [], trail: [] };
  walk(w, properties, undefined, 0);
  return w.hits;
}
