/**
 * Documents tools point at: a Lambda tool's schema file, an OpenAPI document, a Smithy model.
 * Each is a file path (relative to the config file's directory) or, for OpenAPI and Smithy, an
 * `s3://` URI. Files are read and checked here, offline, the way AgentCore will read them, so a
 * bad document fails `stateline validate` instead of the deploy. S3 objects cannot be read
 * offline and are taken as given.
 *
 * AgentCore requirements checked (Amazon Bedrock AgentCore developer guide, "OpenAPI schema
 * targets" and "Smithy model targets", checked 2026-12-01): OpenAPI 3.0 or 3.1 (not Swagger 2.0),
 * a `servers` URL with the real https endpoint, an `operationId` on every operation (it becomes
 * the tool name); Smithy models in JSON AST, at most 10 MB.
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-schema-openapi.html
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-building-smithy-targets.html
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { jsonNestingBeyond, MAX_NESTING, parserFailure, readTextFile, valueNestingBeyond } from '../io/text';
import { S3_URI, toolDefinitions, ToolDefinition } from './tool-schema';

/** Where a document is: a local file (path relative to the working directory) or an S3 object. */
export type DocumentRef =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 's3'; readonly uri: string; readonly bucket: string; readonly key: string };

/** AgentCore's limit on a Smithy model. */
export const SMITHY_MAX_BYTES = 10 * 1024 * 1024;
/** A size no OpenAPI document or tool schema file of a real API comes near (a guard against reading the wrong file). */
const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** SigV4 endpoint prefixes of model runtimes: a tool calling one would run inference on AWS. */
export const MODEL_RUNTIME_PREFIXES: readonly string[] = ['bedrock-runtime', 'bedrock-agent-runtime', 'bedrock-mantle', 'runtime.sagemaker', 'sagemaker-runtime'];
/** IAM service prefixes of AWS model services: no tool may call them (inference is served only from Azure). */
export const MODEL_SERVICE_PREFIXES: readonly string[] = ['bedrock', 'bedrock-mantle', 'sagemaker'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `s3://bucket/key` as a reference, anything else as a file path. */
export function documentRef(value: string): DocumentRef {
  const m = S3_URI.exec(value);
  if (m) return { kind: 's3', uri: value, bucket: m[1], key: m[2] };
  return { kind: 'file', path: value };
}

/** Whether a value is meant as an S3 URI (so a malformed one is reported as such, not as a missing file). */
export const looksLikeS3 = (value: string) => /^s3:\/\//i.test(value);

/** Where a tool names a document: `aws.tools[].lambda.toolSchema` (when a path), `.openapi.schema`, `.smithy.model`. */
export const TOOL_DOCUMENT_SLOTS = [['lambda', 'toolSchema'], ['openapi', 'schema'], ['smithy', 'model']] as const;

/**
 * A copy of a topology (validated, raw or recorded) with `fn` applied to the value of every tool
 * document slot that is set; everything else is shared, not copied.
 */
export function mapToolDocuments<T>(topology: T, fn: (value: unknown) => unknown): T {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(topology) || !isObj(topology.aws) || !Array.isArray(topology.aws.tools)) return topology;
  const tools = topology.aws.tools.map((tool: unknown) => {
    if (!isObj(tool)) return tool;
    let out = tool;
    for (const [kind, key] of TOOL_DOCUMENT_SLOTS) {
      const spec = tool[kind];
      if (isObj(spec) && spec[key] !== undefined) out = { ...out, [kind]: { ...spec, [key]: fn(spec[key]) } };
    }
    return out;
  });
  return { ...topology, aws: { ...topology.aws, tools } };
}

/**
 * A file path of the config, made relative to the working directory: the validated topology
 * then names files that every later step (derive, synth, diff attribution) opens from the same
 * working directory, and holds no absolute path.
 */
export function normalizeDocumentPath(value: string, baseDir: string, cwd = process.cwd()): string {
  if (looksLikeS3(value)) return value;
  const rel = path.relative(cwd, path.resolve(baseDir, value));
  return (rel || '.').split(path.sep).join('/');
}

/** Text of a file, or why it cannot be read (`display` is how the message names it). */
function readText(file: string, display: string, maxBytes: number): { text: string } | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { error: `file "${display}" not found (paths are relative to the config file's directory)` };
  }
  if (!stat.isFile()) return { error: `"${display}" is not a file` };
  if (stat.size > maxBytes) return { error: `file "${display}" is ${stat.size} bytes; at most ${maxBytes} are accepted` };
  // UTF-8 only (BOM stripped); binary data and UTF-16 are refused with their position.
  const read = readTextFile(file, maxBytes, 'a tool document');
  return 'problem' in read ? { error: `file "${display}": ${read.problem}` } : { text: read.text };
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 197)}...` : s).replace(/[^\x20-\x7e]/g, '?');

function parseJson(text: string, display: string): { value: unknown } | { error: string } {
  // JSON.parse copes with any depth; the checks after it recurse.
  if (jsonNestingBeyond(text) >= 0) return { error: `file "${display}" nests deeper than ${MAX_NESTING} levels` };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    // V8 quotes the text around the error: never echo raw input.
    return { error: `file "${display}" is not valid JSON: ${clip((e as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/^(Unexpected token '.'),[\s\S]*$/, '$1'))}` };
  }
}

function parseYamlOrJson(text: string, display: string): { value: unknown } | { error: string } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return { error: `file "${display}" is not valid YAML or JSON: ${parserFailure(doc.errors[0]) ?? clip(doc.errors[0].message.split('\n')[0])}` };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { error: `file "${display}" is not valid YAML or JSON: ${parserFailure(e) ?? clip((e as Error).message)}` };
  }
  if (valueNestingBeyond(value)) return { error: `file "${display}" nests deeper than ${MAX_NESTING} levels` };
  return { value };
}

/** A Lambda tool's schema file: a JSON array of MCP tool definitions. */
export function readToolSchemaFile(file: string, display = file): { definitions?: ToolDefinition[]; problems: string[] } {
  const raw = readText(file, display, DOCUMENT_MAX_BYTES);
  if ('error' in raw) return { problems: [raw.error] };
  const parsed = parseJson(raw.text, display);
  if ('error' in parsed) return { problems: [parsed.error] };
  const r = toolDefinitions.safeParse(parsed.value);
  if (r.success) return { definitions: r.data, problems: [] };
  return {
    problems: r.error.issues.slice(0, 10).map((i) => {
      const where = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return `file "${display}"${where ? ` at ${where}` : ''}: ${i.message} (an MCP tool definition is { name, description, inputSchema: { type, properties, required }, outputSchema? })`;
    }),
  };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An OpenAPI document file: parses, is OpenAPI 3.0/3.1, names its https server and an operationId per operation. */
export function checkOpenApiFile(file: string, display = file): string[] {
  const raw = readText(file, display, DOCUMENT_MAX_BYTES);
  if ('error' in raw) return [raw.error];
  const parsed = parseYamlOrJson(raw.text, display);
  if ('error' in parsed) return [parsed.error];
  const doc = parsed.value;
  if (!isObj(doc)) return [`file "${display}" is not an OpenAPI document (expected an object with "openapi", "servers" and "paths")`];
  const problems: string[] = [];
  const version = doc.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+$/.test(version)) {
    problems.push(`file "${display}" is ${doc.swagger !== undefined ? `Swagger ${String(doc.swagger)}` : 'not an OpenAPI 3 document'}; AgentCore Gateway accepts OpenAPI 3.0 and 3.1 ("openapi": "3.0.x" or "3.1.x")`);
  }
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObj) : [];
  const url = servers.map((s) => s.url).find((u): u is string => typeof u === 'string');
  if (url === undefined) problems.push(`file "${display}" has no servers[].url: the gateway calls the API at that URL (give the real https:// endpoint)`);
  else if (!/^https:\/\//.test(url)) problems.push(`file "${display}": servers[0].url "${clip(url)}" must be an https:// URL`);
  else if (/^https:\/\/[^/]*\{/.test(url)) problems.push(`file "${display}": servers[0].url "${clip(url)}" has a variable in its host; the gateway could be sent to any host: use a fixed host`);
  const paths = isObj(doc.paths) ? doc.paths : {};
  const missing: string[] = [];
  const seen = new Map<string, string>();
  let operations = 0;
  for (const [p, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      operations++;
      const where = `${method.toUpperCase()} ${p}`;
      if (typeof op.operationId !== 'string' || op.operationId === '') missing.push(where);
      else if (seen.has(op.operationId)) problems.push(`file "${display}": operationId "${op.operationId}" is used by ${seen.get(op.operationId)} and ${where}; tool names must be unique`);
      else seen.set(op.operationId, where);
    }
  }
  if (operations === 0) problems.push(`file "${display}" defines no operations under "paths": the target would expose no tool`);
  if (missing.length > 0) problems.push(`file "${display}": ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} ha${missing.length === 1 ? 's' : 've'} no operationId (AgentCore uses it as the tool name)`);
  return problems;
}

/** What a Smithy model says about its AWS service (`aws.api#service` trait). */
export interface SmithyService {
  readonly shapeId: string;
  readonly arnNamespace?: string;
  readonly endpointPrefix?: string;
  readonly sdkId?: string;
}

/** A Smithy model file: JSON AST with a version, shapes and a service shape. */
export function readSmithyFile(file: string, display = file): { service?: SmithyService; problems: string[] } {
  const raw = readText(file, display, SMITHY_MAX_BYTES);
  if ('error' in raw) return { problems: [raw.error] };
  const parsed = parseJson(raw.text, display);
  if ('error' in parsed) return { problems: [`${parsed.error} (AgentCore takes Smithy models in JSON AST form; convert IDL with \`smithy ast\`)`] };
  const doc = parsed.value;
  if (!isObj(doc) || typeof doc.smithy !== 'string' || !isObj(doc.shapes)) {
    return { problems: [`file "${display}" is not a Smithy JSON AST model (expected an object with "smithy": "2.0" and "shapes")`] };
  }
  const services = Object.entries(doc.shapes).filter(([, s]) => isObj(s) && s.type === 'service');
  if (services.length === 0) return { problems: [`file "${display}" has no service shape: the gateway exposes a service's operations as tools`] };
  const [shapeId, shape] = services[0] as [string, Record<string, unknown>];
  const trait = isObj(shape.traits) && isObj(shape.traits['aws.api#service']) ? shape.traits['aws.api#service'] : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const service: SmithyService = { shapeId, arnNamespace: str(trait.arnNamespace), endpointPrefix: str(trait.endpointPrefix), sdkId: str(trait.sdkId) };
  const problems: string[] = [];
  if (service.endpointPrefix && MODEL_RUNTIME_PREFIXES.includes(service.endpointPrefix)) {
    problems.push(`file "${display}" models ${service.sdkId ?? service.endpointPrefix}, a model runtime: a tool calling it would run inference on AWS; stateless inference is served only from Azure`);
  }
  return { service, problems };
}
