/**
 * Name judgement for secrets, in three strengths, each used only where a name can carry meaning:
 *
 * - `isCredentialName`: strict, for names the provider defined (a registry schema property, a field of an
 *   auth-parameter block, an attribute of a type we have no schema for): the name itself says credential
 *   (`Password`, `ClientSecret`, `ApiKeyValue`, `PreSharedKey`, `SecretAccessKey`, `AuthToken`), never a
 *   word that merely contains "key" (`RouteKey`, `HashKey`, `MapBlockKey`, `KmsKeyId`, `KeyName`).
 * - `isSensitiveCredentialLeaf`: for attributes a Terraform provider marks `sensitive`: tells the credential
 *   ones (any literal is a leak) from sensitive prose, certificates, ids and scripts (only a secret-shaped
 *   value is reported there).
 * - `envSecretStrength`: for free-form keys users name themselves (environment variables, app settings):
 *   the conventions people follow (`*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_API_KEY`, `AZURE_OPENAI_KEY`).
 */

/** `MasterUserPassword` / `master_user_password` / `AZURE_OPENAI_KEY` -> [master, user, password]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const TOKEN_KINDS = new Set(['secret', 'auth', 'access', 'oauth', 'bearer', 'api', 'refresh', 'personal', 'session', 'jwt', 'sas', 'repository', 'tenant']);
const KEY_KINDS = new Set(['private', 'secret', 'api', 'shared', 'access', 'signing', 'account', 'auth', 'preshared', 'encryption', 'master', 'subscription', 'service', 'storage', 'host', 'function', 'primary', 'secondary']);

const credentialCache = new Map<string, boolean>();
/** Whether a schema-defined property name says it holds a credential (see the file header). Memoized: names repeat. */
export function isCredentialName(name: string): boolean {
  let hit = credentialCache.get(name);
  if (hit === undefined) {
    hit = credentialName(name);
    if (credentialCache.size < 10_000) credentialCache.set(name, hit);
  }
  return hit;
}

function credentialName(name: string): boolean {
  const w = words(name);
  if (w[w.length - 1] === 'wo') w.pop(); // Terraform write-only twins: `password_wo`.
  const last = w[w.length - 1];
  const prev = w[w.length - 2];
  const joined = w.join('');
  if (/(?:password|passwords|passphrase|passwd|keytab)$/.test(joined)) return true;
  if (last === 'secret' || last === 'psk') return true;
  if (last === 'token') return TOKEN_KINDS.has(prev ?? '');
  if (last === 'key') return KEY_KINDS.has(prev ?? '') || joined.endsWith('presharedkey');
  if (last === 'value') return joined.endsWith('keyvalue') && w.includes('api');
  return false;
}

const SENSITIVE_NOT_CREDENTIAL = new Set(['public', 'id', 'name', 'username', 'url', 'uri', 'endpoint', 'data', 'content', 'contents', 'certificate', 'pem', 'chain', 'banner', 'notes', 'text', 'schema', 'payload', 'input', 'headers', 'license', 'config', 'raw', 'base64', 'principal', 'tenant', 'object', 'json', 'options', 'properties', 'map', 'encrypted']);

/**
 * For an attribute its provider marks sensitive: whether any literal in it is a credential
 * (passwords, secrets, keys, tokens, connection strings, SAS values, `value` of a secret) rather than
 * sensitive text such as a certificate, a script, a client id or a banner (those are judged by value shape).
 */
export function isSensitiveCredentialLeaf(name: string): boolean {
  const w = words(name);
  if (w[w.length - 1] === 'wo') w.pop();
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (isCredentialName(name)) return true;
  const joined = w.join('');
  if (joined.includes('connectionstring') || w[0] === 'sas' || joined.includes('sastoken') || joined.includes('accesssignature')) return true;
  if (SENSITIVE_NOT_CREDENTIAL.has(last) || w.includes('public') || w.includes('id')) return false;
  return ['key', 'keys', 'token', 'tokens', 'secret', 'secrets', 'value', 'values', 'code', 'credential', 'credentials', 'passwords'].includes(last);
}

/** Words before a final `KEY` that make an environment variable an identifier: `PARTITION_KEY`, `S3_KEY`, `KMS_KEY`. */
const NOT_SECRET_KEY_QUALIFIERS = new Set([
  'public', 'pub', 'partition', 'sort', 'hash', 'range', 'foreign', 'composite', 'row', 'column', 'attribute', 'index',
  's3', 'object', 'bucket', 'blob', 'file', 'cache', 'idempotency', 'dedup', 'deduplication', 'routing', 'route', 'shard', 'group', 'message',
  'lookup', 'map', 'block', 'dict', 'order', 'tag', 'label', 'metric', 'dimension', 'kms', 'cmk', 'pgp', 'gpg', 'ssh', 'encoded',
  'instrumentation', 'lock', 'translation', 'i18n', 'feature', 'flag', 'config', 'setting', 'header', 'path', 'json', 'yaml', 'sort',
]);
/** Words before a final `KEY` that name a vendor or a kind of secret key: `AZURE_OPENAI_KEY`, `STRIPE_KEY`, `SIGNING_KEY`. */
const SECRET_KEY_QUALIFIERS = new Set([
  'openai', 'anthropic', 'cohere', 'mistral', 'groq', 'gemini', 'stripe', 'sendgrid', 'twilio', 'mailgun', 'pinecone', 'search', 'cognitive',
  'speech', 'translator', 'ai', 'llm', 'signing', 'encryption', 'hmac', 'jwt', 'session', 'webhook', 'license', 'master', 'subscription',
  'storage', 'account', 'access', 'private', 'secret', 'api', 'admin', 'service', 'app', 'application', 'auth', 'shared', 'function', 'host',
]);
/** Words before a final `TOKEN(S)` that make it a count or limit (`MAX_TOKENS`, `MAX_OUTPUT_TOKEN`). */
const TOKEN_COUNT_QUALIFIERS = new Set(['max', 'min', 'num', 'count', 'limit', 'output', 'input', 'context', 'prompt', 'completion', 'total', 'next', 'client', 'idempotency', 'continuation', 'page']);
/** Names that end like a secret and hold something else. */
const NOT_SECRET_ENV = /^(?:service_?token|public_?key|next_?token|client_?token|idempotency_?token|secret_?(?:name|arn|id|ref|path|version)|token_?(?:url|uri|endpoint|type|audience|issuer))$/i;

const STRONG_END = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'psk', 'credential', 'credentials']);
const STRONG_JOINED = /(?:apikey|apikeys|accesskey|secretaccesskey|secretkey|privatekey|presharedkey|sharedkey|clientsecret|connectionstring|connstr|sastoken|sharedaccesskey|authtoken|accesstoken|bearertoken|refreshtoken)$/;

const envCache = new Map<string, 0 | 1 | 2>();
/**
 * How strongly a user-chosen variable name says "secret": 2 strong (`DB_PASSWORD`, `OPENAI_API_KEY`,
 * `CLIENT_SECRET`, `GITHUB_TOKEN`, `AZURE_OPENAI_KEY`, `STRIPE_KEY`: any literal is reported), 1 weak (another
 * qualified `*_KEY` such as `SEARCH_INDEX_KEY`... `WIDGET_KEY`: reported when the value is token-shaped), 0 not a secret name
 * (`KEY_VAULT_NAME`, `KMS_KEY_ID`, `PARTITION_KEY`, `MAX_TOKENS`, `SECRET_ARN`, IAM condition keys).
 */
export function envSecretStrength(name: string): 0 | 1 | 2 {
  let s = envCache.get(name);
  if (s !== undefined) return s;
  s = computeEnvStrength(name);
  if (envCache.size < 10_000) envCache.set(name, s);
  return s;
}

function computeEnvStrength(name: string): 0 | 1 | 2 {
  // `service:ConditionKey` (IAM condition keys such as `dynamodb:LeadingKeys`) name no variable.
  if (name.includes(':') || NOT_SECRET_ENV.test(name.replace(/[-.]/g, '_'))) return 0;
  const w = words(name);
  const last = w[w.length - 1];
  const prev = w[w.length - 2];
  if (last === undefined) return 0;
  if (name.trim().toUpperCase() === 'PWD') return 0; // the shell's working directory
  const joined = w.join('');
  if (last === 'token' || last === 'tokens') return prev !== undefined && TOKEN_COUNT_QUALIFIERS.has(prev) ? 0 : 2;
  if (STRONG_END.has(last) || STRONG_JOINED.test(joined)) return 2;
  if (last === 'keys') return prev === 'api' ? 2 : 0;
  if (last === 'key') return prev === undefined || NOT_SECRET_KEY_QUALIFIERS.has(prev) ? 0 : SECRET_KEY_QUALIFIERS.has(prev) ? 2 : 1;
  return 0;
}
