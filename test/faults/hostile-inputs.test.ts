/**
 * Hostile documents for every reader of user input, through the CLI as a user runs it: each must
 * end with exit code 2 and one short message naming the file and the reason — never a stack
 * trace, never a hang, never a crash. Byte-order marks and CRLF line ends on valid documents are
 * not hostile: those are read as usual.
 *
 * Readers: topology (.json, .yaml, .ts), CloudFormation templates (.json, .yaml), Terraform
 * (.tf.json, .tf, .tfvars in a module directory), CDK cloud assemblies (manifest, template),
 * cdktf output (manifest, stack), the outputs `diff` compares, the documents tools point at
 * (Lambda tool schema, OpenAPI, Smithy), `cost --prices` files (.json, .yaml), the topology record
 * `diff` reads (stateline.topology.json), and the deploy hand-over files.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { HandoverFileError, runPhases, ToolRunner } from '../../lib/deploy/runner';
import { serializeTopology } from '../../lib/diff/topology-record';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import { run } from '../cli/run';
import { deriveFrom, rawDefault } from '../helpers';

/** Deterministic bytes (a linear congruential generator): garbage that is the same on every run. */
function garbage(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const MB = 1024 * 1024;
const DEPTH = 10_000;

type Format = 'json' | 'yaml' | 'hcl' | 'ts';

interface Reader {
  readonly name: string;
  readonly format: Format;
  /** A valid document this reader accepts. */
  readonly valid: string;
  /** Writes `content` as the document under test in `dir`; returns the CLI args (or a hand-over call). */
  readonly place: (dir: string, content: Buffer) => { file: string; args?: string[]; handover?: string };
}

const TOPOLOGY_JSON = JSON.stringify(DEFAULT_TOPOLOGY, null, 2);
const TEMPLATE = JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }, null, 2);
const TF_JSON = JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: 'x' } } } }, null, 2);
const TF_HCL = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
const CDK_MANIFEST = JSON.stringify({ version: '41.0.0', artifacts: { Stack: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Stack.template.json' } } } });
const CDKTF_MANIFEST = JSON.stringify({ version: '0.21.0', stacks: { s: { name: 's', synthesizedStackPath: 'stacks/s/cdk.tf.json' } } });
const HANDOVER = JSON.stringify({ 'stateline-azure-hub': { gateway_public_ip_1: '20.91.10.1' } });
const TOOL_SCHEMA = JSON.stringify([{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }], null, 2);
const OPENAPI = stringify({ openapi: '3.0.3', info: { title: 'Weather', version: '1' }, servers: [{ url: 'https://api.weather.example/v1' }], paths: { '/forecast': { get: { operationId: 'getForecast', responses: { 200: { description: 'ok' } } } } } });
const SMITHY = JSON.stringify({ smithy: '2.0', shapes: { 'com.amazonaws.dynamodb#DynamoDB_20120810': { type: 'service', version: '2012-08-10', operations: [{ target: 'com.amazonaws.dynamodb#GetItem' }], traits: { 'aws.api#service': { sdkId: 'DynamoDB', arnNamespace: 'dynamodb', endpointPrefix: 'dynamodb' } } }, 'com.amazonaws.dynamodb#GetItem': { type: 'operation' } } }, null, 2);
const PRICES = { currency: 'EUR', prices: { 'aws/kms/key': { regions: { '*': 0.95 }, source: 'EA price sheet' } } };
const RECORD = serializeTopology(DEFAULT_TOPOLOGY);
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:tools/key-AbCdEf';

/** A topology whose one tool points at `file` (a document read by `validate`). */
function toolTopology(d: string, tool: object): string[] {
  const t = rawDefault();
  t.aws.tools.push(tool);
  t.aws.agents[0].tools.push((tool as { name: string }).name);
  const f = put(d, 'stateline.config.json', JSON.stringify(t));
  return ['validate', '-c', f];
}

function put(dir: string, rel: string, content: Buffer | string): string {
  const f = path.join(dir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
  return f;
}

const READERS: Reader[] = [
  { name: 'topology .json', format: 'json', valid: TOPOLOGY_JSON, place: (d, c) => { const f = put(d, 'stateline.config.json', c); return { file: f, args: ['validate', '-c', f] }; } },
  { name: 'topology .yaml', format: 'yaml', valid: stringify(DEFAULT_TOPOLOGY), place: (d, c) => { const f = put(d, 'stateline.config.yaml', c); return { file: f, args: ['validate', '-c', f] }; } },
  { name: 'topology .ts', format: 'ts', valid: `export default ${TOPOLOGY_JSON};\n`, place: (d, c) => { const f = put(d, 'stateline.config.ts', c); return { file: f, args: ['validate', '-c', f] }; } },
  { name: 'template .json', format: 'json', valid: TEMPLATE, place: (d, c) => { const f = put(d, 'app.template.json', c); return { file: f, args: ['check', '--template', f] }; } },
  { name: 'template .yaml', format: 'yaml', valid: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n', place: (d, c) => { const f = put(d, 'app.yaml', c); return { file: f, args: ['check', '--template', f] }; } },
  { name: 'terraform .tf.json', format: 'json', valid: TF_JSON, place: (d, c) => { const f = put(d, 'main.tf.json', c); return { file: f, args: ['check', '--terraform', f] }; } },
  { name: 'terraform .tf', format: 'hcl', valid: TF_HCL, place: (d, c) => { const f = put(d, 'main.tf', c); return { file: f, args: ['check', '--terraform', f] }; } },
  { name: 'terraform .tfvars', format: 'hcl', valid: 'region = "eu-central-1"\n', place: (d, c) => { put(d, 'mod/main.tf', TF_HCL); const f = put(d, 'mod/terraform.tfvars', c); return { file: f, args: ['check', '--terraform', path.join(d, 'mod')] }; } },
  { name: 'cloud assembly manifest', format: 'json', valid: CDK_MANIFEST, place: (d, c) => { put(d, 'cdk.out/Stack.template.json', TEMPLATE); const f = put(d, 'cdk.out/manifest.json', c); return { file: f, args: ['check', '--cdk-out', path.join(d, 'cdk.out')] }; } },
  { name: 'cloud assembly template', format: 'json', valid: TEMPLATE, place: (d, c) => { put(d, 'cdk.out/manifest.json', CDK_MANIFEST); const f = put(d, 'cdk.out/Stack.template.json', c); return { file: f, args: ['check', '--cdk-out', path.join(d, 'cdk.out')] }; } },
  { name: 'cdktf manifest', format: 'json', valid: CDKTF_MANIFEST, place: (d, c) => { put(d, 'cdktf.out/stacks/s/cdk.tf.json', TF_JSON); const f = put(d, 'cdktf.out/manifest.json', c); return { file: f, args: ['check', '--cdktf-out', path.join(d, 'cdktf.out')] }; } },
  { name: 'cdktf stack', format: 'json', valid: TF_JSON, place: (d, c) => { put(d, 'cdktf.out/manifest.json', CDKTF_MANIFEST); const f = put(d, 'cdktf.out/stacks/s/cdk.tf.json', c); return { file: f, args: ['check', '--cdktf-out', path.join(d, 'cdktf.out')] }; } },
  { name: 'diff: cloud assembly template', format: 'json', valid: TEMPLATE, place: (d, c) => { put(d, 'after/cdk.out/manifest.json', CDK_MANIFEST); put(d, 'after/cdk.out/Stack.template.json', TEMPLATE); put(d, 'before/cdk.out/manifest.json', CDK_MANIFEST); const f = put(d, 'before/cdk.out/Stack.template.json', c); return { file: f, args: ['diff', '--before', path.join(d, 'before'), '--after', path.join(d, 'after'), '--no-attribution'] }; } },
  { name: 'diff: cdktf manifest', format: 'json', valid: CDKTF_MANIFEST, place: (d, c) => { put(d, 'after/cdktf.out/manifest.json', CDKTF_MANIFEST); put(d, 'after/cdktf.out/stacks/s/cdk.tf.json', TF_JSON); put(d, 'before/cdktf.out/stacks/s/cdk.tf.json', TF_JSON); const f = put(d, 'before/cdktf.out/manifest.json', c); return { file: f, args: ['diff', '--before', path.join(d, 'before'), '--after', path.join(d, 'after'), '--no-attribution'] }; } },
  { name: 'tool schema file', format: 'json', valid: TOOL_SCHEMA, place: (d, c) => { const f = put(d, 'tools/weather.tools.json', c); return { file: f, args: toolTopology(d, { name: 'weather', lambda: { functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:weather', toolSchema: 'tools/weather.tools.json' } }) }; } },
  { name: 'OpenAPI document', format: 'yaml', valid: OPENAPI, place: (d, c) => { const f = put(d, 'tools/forecast.openapi.yaml', c); return { file: f, args: toolTopology(d, { name: 'forecast', openapi: { schema: 'tools/forecast.openapi.yaml', auth: { apiKey: { secretArn: SECRET_ARN, parameterName: 'X-Api-Key' } } } }) }; } },
  { name: 'Smithy model', format: 'json', valid: SMITHY, place: (d, c) => { const f = put(d, 'models/dynamodb.json', c); return { file: f, args: toolTopology(d, { name: 'orders-table', smithy: { model: 'models/dynamodb.json', allow: [{ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:eu-central-1:123456789012:table/orders'] }] } }) }; } },
  { name: 'cost --prices .json', format: 'json', valid: JSON.stringify(PRICES, null, 2), place: (d, c) => { const t = put(d, 'app.template.json', TEMPLATE); const f = put(d, 'prices.json', c); return { file: f, args: ['cost', '--template', t, '--prices', f] }; } },
  { name: 'cost --prices .yaml', format: 'yaml', valid: stringify(PRICES), place: (d, c) => { const t = put(d, 'app.template.json', TEMPLATE); const f = put(d, 'prices.yaml', c); return { file: f, args: ['cost', '--template', t, '--prices', f] }; } },
  { name: 'diff: topology record', format: 'json', valid: RECORD, place: (d, c) => { for (const side of ['before', 'after']) { put(d, `${side}/cdk.out/manifest.json`, CDK_MANIFEST); put(d, `${side}/cdk.out/Stack.template.json`, TEMPLATE); } put(d, 'after/stateline.topology.json', RECORD); const f = put(d, 'before/stateline.topology.json', c); return { file: f, args: ['diff', '--before', path.join(d, 'before'), '--after', path.join(d, 'after'), '--no-attribution'] }; } },
  { name: 'deploy hand-over', format: 'json', valid: HANDOVER, place: (d, c) => { const state = path.join(d, 'state'); const f = put(state, 'phase-1-hub.outputs.json', c); return { file: f, handover: state }; } },
];

/**
 * Hostile documents per format; `null` where a kind does not apply to a format. Each is made in
 * its own test, not up front: 21 readers x a 50 MB file held at once cost over 1 GB.
 */
const HOSTILE: Record<string, (r: Reader) => Buffer | null> = {
  'YAML alias bomb': (r) => {
    if (r.format !== 'yaml') return null;
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    return Buffer.from(`${lines.join('\n')}\n`);
  },
  '10,000-level nesting (arrays)': (r) => Buffer.from(
    r.format === 'hcl' ? `x = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`
      : r.format === 'ts' ? `export default ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\n`
        : `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  ),
  '10,000-level nesting (objects / blocks)': (r) => Buffer.from(
    r.format === 'hcl' ? `${'b {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}`
      : r.format === 'yaml' ? `${'- '.repeat(DEPTH)}x\n`
        : r.format === 'ts' ? `export default ${'{a:'.repeat(DEPTH)}1${'}'.repeat(DEPTH)};\n`
          : `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
  ),
  '50 MB file': (r) => {
    const pad = 'a'.repeat(50 * MB);
    return Buffer.from(r.format === 'json' ? `{"x":"${pad}"}` : r.format === 'yaml' ? `x: ${pad}\n` : r.format === 'hcl' ? `x = "${pad}"\n` : `// ${pad}\nexport default {};\n`);
  },
  'binary garbage': () => garbage(64 * 1024),
  'NUL byte': (r) => Buffer.from(r.valid.replace(/(\w)(\w)/, '$1\u0000$2')),
  'UTF-16 text': (r) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(r.valid, 'utf16le')]),
  'invalid UTF-8': (r) => Buffer.concat([Buffer.from(r.valid.slice(0, 10)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(r.valid.slice(10))]),
  'truncated': (r) => Buffer.from(r.valid.slice(0, Math.floor(r.valid.length / 2))),
  'byte-order mark + CRLF, broken': (r) => Buffer.from(`\ufeff${r.valid.slice(0, Math.floor(r.valid.length / 2)).replace(/\n/g, '\r\n')}`),
};

const d = deriveFrom(rawDefault());
/** Never reached: hand-over reading fails before any command. */
const NO_TOOLS: ToolRunner = {
  exec: async () => { throw new Error('no command may run'); },
  readSecret: async () => { throw new Error('no secret may be read'); },
  readTerraformOutput: async () => { throw new Error('no output may be read'); },
  writeSecret: async () => { throw new Error('no secret may be written'); },
  secretExists: async () => false,
};

interface Outcome { code: number; err: string; millis: number }

async function outcome(r: Reader, dir: string, content: Buffer): Promise<Outcome & { file: string }> {
  const placed = r.place(dir, content);
  const started = Date.now();
  if (placed.handover) {
    try {
      await runPhases(d, NO_TOOLS, { action: 'deploy', phase: 3, outDir: dir, stateDir: placed.handover, cwd: dir, log: () => undefined });
      return { code: 0, err: '', millis: Date.now() - started, file: placed.file };
    } catch (e) {
      // The CLI prints a UserInputError (HandoverFileError is one) as one line and exits 2.
      return { code: e instanceof HandoverFileError ? 2 : 99, err: `stateline: ${(e as Error).message}\n`, millis: Date.now() - started, file: placed.file };
    }
  }
  if (r.format === 'ts' && (content.includes('[[[[') || content.includes('{a:{a:'))) {
    // Jest compiles required .ts files with swc, which crashes on 10,000 levels; the CLI uses tsx (esbuild): run it.
    const res = spawnSync(process.execPath, [BIN, ...placed.args!], { encoding: 'utf8', timeout: 30_000 });
    return { code: res.status ?? 99, err: res.stderr, millis: Date.now() - started, file: placed.file };
  }
  const res = await run(placed.args!);
  return { code: res.code, err: res.err, millis: Date.now() - started, file: placed.file };
}

const BIN = path.join(__dirname, '..', '..', 'bin', 'stateline.js');

let root: string;
beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-hostile-')); });
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Kinds that apply to every format whatever their content: not made here (see HOSTILE). */
const ALWAYS = new Set(['50 MB file']);
const cases: Array<[string, string, Reader]> = [];
for (const r of READERS) {
  for (const [kind, make] of Object.entries(HOSTILE)) {
    if (ALWAYS.has(kind) || make(r)) cases.push([r.name, kind, r]);
  }
}

describe('hostile documents: exit 2, the file and a short reason, no stack trace, no hang', () => {
  test('every reader meets every kind of hostile document that applies to its format', () => {
    expect(READERS).toHaveLength(21);
    // 21 readers x 10 kinds, less the alias bomb for the 17 readers that are not YAML.
    expect(cases.length).toBe(21 * 10 - 17);
  });

  test.each(cases.map(([reader, kind, r]) => [reader, kind, r] as const))('%s: %s', async (_name, kind, r) => {
    const dir = fs.mkdtempSync(path.join(root, 'case-'));
    const content = HOSTILE[kind](r);
    if (!content) throw new Error(`${kind} made nothing for ${r.name}`);
    const o = await outcome(r, dir, content);
    expect({ code: o.code }).toEqual({ code: 2 });
    const message = o.err.trim();
    expect(message.startsWith('stateline: ')).toBe(true);
    expect(message).toContain(path.basename(o.file));
    expect(message).not.toMatch(/\n\s+at |Error: |RangeError|TypeError/);
    expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
    expect(message.length).toBeLessThan(1000);
    // Bounded: no parser may run for long on any of these (the 50 MB ones are refused or read once).
    expect(o.millis).toBeLessThan(kind === '50 MB file' ? 15_000 : 5_000);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});

describe('byte-order marks and CRLF line ends on valid documents are read as usual', () => {
  test.each(READERS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const dir = fs.mkdtempSync(path.join(root, 'valid-'));
    const variants = [r.valid, `\ufeff${r.valid}`, r.valid.replace(/\n/g, '\r\n'), `\ufeff${r.valid.replace(/\n/g, '\r\n')}`];
    const codes: number[] = [];
    for (const v of variants) {
      const o = await outcome(r, fs.mkdtempSync(path.join(dir, 'v-')), Buffer.from(v));
      codes.push(o.code === 2 ? 2 : 0);
      if (o.code === 2) throw new Error(`${r.name} refused a valid variant: ${o.err}`);
    }
    expect(codes).toEqual([0, 0, 0, 0]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('TypeScript topologies that misbehave when loaded', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['throws a non-Error', 'throw 42;\nexport default {};\n', /cannot load .*cfg\.ts: 42/],
    ['exports a cycle', 'const t: any = { name: "x" };\nt.self = t;\nexport default t;\n', /cycle/],
    ['exports a throwing getter', 'export default { get name(): string { throw new Error("boom"); } };\n', /threw: boom/],
    ['has a syntax error', 'export default { name: ;\n', /cannot load .*cfg\.ts/],
  ];
  test.each(cases)('%s: exit 2 with the file and the reason', async (_n, source, reason) => {
    const f = put(fs.mkdtempSync(path.join(root, 'ts-')), 'cfg.ts', source);
    const r = await run(['validate', '-c', f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
