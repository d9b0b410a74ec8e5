/**
 * `stateline diff` on a topology whose tools point at files (examples/: a Lambda tool schema in
 * a JSON file, an OpenAPI document). The base of `--base` is checked out in a temporary worktree,
 * so its documents are somewhere else on disk than the working tree's: the topologies must still
 * compare equal when nothing changed, name documents by their path relative to the config (plus a
 * content hash), and never print a temporary or absolute path.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TOPOLOGY_FILE } from '../../lib/diff/topology-record';
import { loadTopology } from '../../lib/topology/load';
import { DocumentResolver, isRecordedDocument, portableTopology } from '../../lib/topology/portable';
import { run } from '../cli/run';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const CONFIG = 'topo/stateline.config.yaml';
const SCHEMA = 'aws.tools[claims-lookup].lambda.toolSchema';
const OPENAPI = 'aws.tools[policy-api].openapi.schema';

describe('diff with file-based tools', () => {
  let tmp: string;
  let repo: string;
  const cwd = process.cwd();
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  const file = (rel: string) => path.join(repo, 'topo', rel);
  /** Nothing of this machine in a report: no temporary directory, no absolute path of the repository. */
  const expectNoMachinePaths = (text: string) => {
    expect(text).not.toContain('stateline-base-');
    expect(text).not.toContain(os.tmpdir());
    expect(text).not.toContain(tmp);
    expect(text).not.toMatch(/"\.\.\//);
  };

  beforeAll(() => {
    // A team repository: the example config under topo/ with its tools/ directory.
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-docs-')));
    repo = path.join(tmp, 'acme');
    fs.mkdirSync(repo);
    fs.cpSync(EXAMPLES, path.join(repo, 'topo'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.gitignore'), 'out\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'acme topology');
    process.chdir(repo);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('unchanged: no topology change and no resource change, in every format, and no temporary path', async () => {
    for (const format of ['json', 'text', 'markdown']) {
      const r = await run(['diff', '--base', 'HEAD', '--config', CONFIG, '--format', format]);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      expectNoMachinePaths(r.out);
      if (format === 'json') {
        const report = JSON.parse(r.out);
        expect(report.topology.changes).toEqual([]);
        expect(report.stacks).toEqual([]);
      } else {
        expect(r.out).not.toContain('toolSchema');
      }
    }
  }, 120_000);

  test('a document\'s content edited: one change of its sha256, and the gateway target change attributed to it', async () => {
    const original = fs.readFileSync(file('tools/claims-lookup.tools.json'), 'utf8');
    fs.writeFileSync(file('tools/claims-lookup.tools.json'), original.replace('"Returns a claim', '"Returns one claim'));
    try {
      const r = await run(['diff', '--base', 'HEAD', '--config', CONFIG, '--format', 'json']);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      expectNoMachinePaths(r.out);
      const report = JSON.parse(r.out);
      expect(report.topology.changes).toEqual([{ path: `${SCHEMA}.sha256`, old: expect.stringMatching(/^"[0-9a-f]{64}"$/), new: expect.stringMatching(/^"[0-9a-f]{64}"$/) }]);
      const changes = report.stacks.flatMap((s: any) => s.resources.map((x: any) => ({ type: x.resourceType, kind: x.kind, causes: x.causes, props: x.properties.map((p: any) => p.path) })));
      expect(changes).toEqual([{ type: 'AWS::BedrockAgentCore::GatewayTarget', kind: 'update', causes: [`${SCHEMA}.sha256`], props: ['TargetConfiguration.Mcp.Lambda.ToolSchema.InlinePayload[0].Description'] }]);
      expect(report.topology.unattributed).toBe(0);
    } finally {
      fs.writeFileSync(file('tools/claims-lookup.tools.json'), original);
    }
  }, 120_000);

  test('a document moved with the same content: the path changes, nothing is deployed differently', async () => {
    const config = fs.readFileSync(file('stateline.config.yaml'), 'utf8');
    fs.mkdirSync(file('apis'));
    fs.renameSync(file('tools/policy-api.openapi.yaml'), file('apis/policy-api.openapi.yaml'));
    fs.writeFileSync(file('stateline.config.yaml'), config.replace('tools/policy-api.openapi.yaml', 'apis/policy-api.openapi.yaml'));
    try {
      const r = await run(['diff', '--base', 'HEAD', '--config', CONFIG, '--format', 'json']);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      const report = JSON.parse(r.out);
      expect(report.topology.changes).toEqual([{ path: `${OPENAPI}.file`, old: '"tools/policy-api.openapi.yaml"', new: '"apis/policy-api.openapi.yaml"' }]);
      expect(report.stacks).toEqual([]);
    } finally {
      fs.renameSync(file('apis/policy-api.openapi.yaml'), file('tools/policy-api.openapi.yaml'));
      fs.rmdirSync(file('apis'));
      fs.writeFileSync(file('stateline.config.yaml'), config);
    }
  }, 120_000);

  test('synth records documents relative to the config with their hash, whatever the working directory', async () => {
    const r = await run(['synth', '--config', CONFIG, '--out', 'out', '--no-check', '--no-graph']);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(repo, 'out', TOPOLOGY_FILE), 'utf8');
    const record = JSON.parse(text);
    expect(record.format).toBe('stateline.topology/v2');
    const tools = Object.fromEntries(record.topology.aws.tools.map((t: any) => [t.name, t]));
    expect(tools['claims-lookup'].lambda.toolSchema).toEqual({ file: 'tools/claims-lookup.tools.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(tools['policy-api'].openapi.schema).toEqual({ file: 'tools/policy-api.openapi.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expectNoMachinePaths(text);
    // The same portable topology from another working directory.
    const t = loadTopology(CONFIG);
    process.chdir(path.join(repo, 'topo'));
    try {
      expect(portableTopology(loadTopology('stateline.config.yaml').topology, path.join(repo, 'topo'))).toEqual(record.topology);
    } finally {
      process.chdir(repo);
    }
    expect(portableTopology(t.topology, t.configDir)).toEqual(record.topology);
  }, 120_000);

  test('--before/--after from records: documents found nowhere with their content leave the change unattributed, said why', async () => {
    await run(['synth', '--config', CONFIG, '--out', 'out/before', '--no-check', '--no-graph']);
    const original = fs.readFileSync(file('tools/claims-lookup.tools.json'), 'utf8');
    fs.writeFileSync(file('tools/claims-lookup.tools.json'), original.replace('"Returns a claim', '"Returns one claim'));
    try {
      await run(['synth', '--config', CONFIG, '--out', 'out/after', '--no-check', '--no-graph']);
      // The working tree's documents match the after side only: the before content is gone.
      const r = await run(['diff', '--before', 'out/before', '--after', 'out/after', '--config', CONFIG, '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.topology.changes.map((c: any) => c.path)).toEqual([`${SCHEMA}.sha256`]);
      expect(report.topology.attribution).toMatch(/^unattributed: tool document tools\/claims-lookup\.tools\.json \(sha256 [0-9a-f]{12}\) not found with its recorded content/);
      expect(report.topology.unattributed).toBe(1);
      // With the before config's documents at hand (the base checked out beside it), it is attributed.
      const beforeTree = path.join(tmp, 'before-tree');
      git('worktree', 'add', '--detach', '--quiet', beforeTree, 'HEAD');
      try {
        const both = await run(['diff', '--before', 'out/before', '--after', 'out/after', '--before-config', path.join(beforeTree, CONFIG), '--after-config', CONFIG, '--format', 'json']);
        expect(both.code).toBe(0);
        expectNoMachinePaths(both.out.replace(/"before": "[^"]*"/, ''));
        const attributed = JSON.parse(both.out);
        expect(attributed.topology.unattributed).toBe(0);
        expect(attributed.stacks[0].resources[0].causes).toEqual([`${SCHEMA}.sha256`]);
      } finally {
        git('worktree', 'remove', '--force', beforeTree);
      }
    } finally {
      fs.writeFileSync(file('tools/claims-lookup.tools.json'), original);
    }
  }, 120_000);

  test('a base that cannot be synthesized names its files as REF:path, never the temporary worktree', async () => {
    git('mv', 'topo/tools/claims-lookup.tools.json', 'topo/tools/claims.tools.json');
    git('commit', '-qm', 'breaks the config');
    // The working tree is fine again; only the base is broken.
    fs.copyFileSync(file('tools/claims.tools.json'), file('tools/claims-lookup.tools.json'));
    try {
      const r = await run(['diff', '--base', 'HEAD', '--config', CONFIG]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^stateline: the topology at HEAD \(topo\/stateline\.config\.yaml\) cannot be synthesized: HEAD:topo\/stateline\.config\.yaml: 1 problem in the topology:\n {2}- aws\.tools\[0\]\.lambda\.toolSchema: file "HEAD:topo\/tools\/claims-lookup\.tools\.json" not found/);
      expectNoMachinePaths(r.err);
    } finally {
      fs.rmSync(file('tools/claims-lookup.tools.json'));
      git('reset', '-q', '--hard', 'HEAD~1');
    }
  }, 120_000);
});

describe('DocumentResolver', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-resolve-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('finds a recorded document only where its content has the recorded hash', () => {
    for (const [side, text] of [['a', '[1]'], ['b', '[2]']]) {
      fs.mkdirSync(path.join(dir, side, 'tools'), { recursive: true });
      fs.writeFileSync(path.join(dir, side, 'tools', 'x.json'), text);
    }
    const topology = { aws: { tools: [{ name: 'x', lambda: { functionArn: 'arn', toolSchema: 'tools/x.json' } }] } };
    const recorded = portableTopology(topology as never, path.join(dir, 'b'), path.join(dir, 'b')) as typeof topology;
    const doc = recorded.aws.tools[0].lambda.toolSchema as unknown;
    expect(isRecordedDocument(doc)).toBe(true);
    expect(doc).toEqual({ file: 'tools/x.json', sha256: createHash('sha256').update('[2]').digest('hex') });
    // Found under b (same content), not under a (same path, other content), and relative to cwd.
    expect(new DocumentResolver([path.join(dir, 'a'), path.join(dir, 'b')], dir).resolve(recorded)).toEqual({
      topology: { aws: { tools: [{ name: 'x', lambda: { functionArn: 'arn', toolSchema: 'b/tools/x.json' } }] } },
      missing: [],
    });
    expect(new DocumentResolver([path.join(dir, 'a')], dir).resolve(recorded).missing).toEqual([doc]);
  });

  test('s3:// documents and inline tool schemas are kept as written', () => {
    const topology = { aws: { tools: [
      { name: 'api', openapi: { schema: 's3://bucket/api.yaml' } },
      { name: 'fn', lambda: { functionArn: 'arn', toolSchema: [{ name: 'get', description: 'd', inputSchema: { type: 'object' } }] } },
    ] } };
    expect(portableTopology(topology as never, dir, dir)).toEqual(topology);
  });
});
