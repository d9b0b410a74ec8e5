import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadTopology } from '../../lib/topology/load';
import { UserInputError } from '../../lib/topology/problems';
import { rawDefault } from '../helpers';

describe('loading a topology', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-load-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the same schema validates JSON, YAML and TypeScript configs', () => {
    const t = rawDefault();
    t.name = 'acme';
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(t));
    fs.writeFileSync(path.join(dir, 'a.yaml'), stringify(t));
    fs.writeFileSync(path.join(dir, 'a.ts'), `import { defineTopology } from '${path.resolve(__dirname, '../../lib/topology/define')}';\nexport default defineTopology(${JSON.stringify(t)});\n`);
    for (const f of ['a.json', 'a.yaml', 'a.ts']) {
      const loaded = loadTopology(path.join(dir, f));
      expect(loaded.topology.name).toBe('acme');
      expect(loaded.hub.stackName).toBe('acme-azure-hub');
    }
  });

  test('an invalid YAML config lists its problems by path', () => {
    const t = rawDefault();
    t.aws.asn = 65515;
    fs.writeFileSync(path.join(dir, 'bad.yaml'), stringify(t));
    expect(() => loadTopology(path.join(dir, 'bad.yaml'))).toThrow(/aws\.asn: is reserved by Azure/);
  });

  test('a syntax error names the file', () => {
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"name": ');
    expect(() => loadTopology(path.join(dir, 'broken.json'))).toThrow(UserInputError);
    expect(() => loadTopology(path.join(dir, 'broken.json'))).toThrow(/broken\.json is not valid JSON/);
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'name: [unclosed');
    expect(() => loadTopology(path.join(dir, 'broken.yaml'))).toThrow(/broken\.yaml is not valid YAML/);
  });

  test('a YAML error says where and what on one line, never ending in a bare colon', () => {
    fs.writeFileSync(path.join(dir, 'indent.yaml'), 'name: acme\nazure:\n  hub: [\n');
    fs.writeFileSync(path.join(dir, 'dup.yaml'), 'name: acme\nname: other\n');
    const message = (file: string) => { try { loadTopology(path.join(dir, file)); } catch (e) { return (e as Error).message; } return ''; };
    expect(message('indent.yaml')).toMatch(/indent\.yaml is not valid YAML:\n {2}- line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
    expect(message('dup.yaml')).toMatch(/ {2}- line 2, column 1: Map keys must be unique \(in "name: other"\)$/);
    for (const file of ['indent.yaml', 'dup.yaml', 'broken.yaml']) {
      for (const line of message(file).split('\n').slice(1)) expect(line).not.toMatch(/:\s*$/);
    }
  });

  test('a missing file and an unknown extension are user errors', () => {
    expect(() => loadTopology(path.join(dir, 'nope.json'))).toThrow(/config file not found/);
    fs.writeFileSync(path.join(dir, 'x.toml'), '');
    expect(() => loadTopology(path.join(dir, 'x.toml'))).toThrow(/unsupported config extension/);
  });

  test('with no config the embedded default is used', () => {
    const cwd = process.cwd();
    const env = process.env.STATELINE_CONFIG;
    delete process.env.STATELINE_CONFIG;
    try {
      process.chdir(dir.replace(/$/, ''));
      fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
      process.chdir(path.join(dir, 'empty'));
      expect(loadTopology().source).toBe('(embedded default)');
    } finally {
      process.chdir(cwd);
      if (env !== undefined) process.env.STATELINE_CONFIG = env;
    }
  });
});
