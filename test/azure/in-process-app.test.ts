/**
 * The CDKTF app stateline synthesizes in-process (stacks/azure-app.ts) writes what cdktf's own App
 * writes, with less work: token creation traces are skipped (errors keep their stacks) and each
 * element is resolved once instead of twice, unless a cross-stack reference needs cdktf's second pass.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { generateTopology } from '../../bench/topologies';
import { DEFAULT_TOPOLOGY } from '../../lib/topology/default';
import { topologyFromRaw } from '../../lib/topology/load';
import { buildAzureStacks, createAzureApp, StatelineAzureApp, withoutTokenTraces } from '../../stacks/azure-app';

function captured(): { plain: string; error: string } {
  const plain = { stack: '' };
  Error.captureStackTrace(plain);
  return { plain: plain.stack, error: new Error('boom').stack ?? '' };
}

test('withoutTokenTraces: plain-object traces are skipped inside, errors keep theirs, and the capture is restored', () => {
  const capture = Error.captureStackTrace;
  const inside = withoutTokenTraces(captured);
  expect(inside.plain).toBe('');
  expect(inside.error).toMatch(/^Error: boom\n\s+at /);
  expect(Error.captureStackTrace).toBe(capture);
  expect(captured().plain).toMatch(/\n\s+at /);
  expect(() => withoutTokenTraces(() => { throw new Error('inner'); })).toThrow('inner');
  expect(Error.captureStackTrace).toBe(capture);
});

describe('StatelineAzureApp writes what cdktf writes', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-app-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Two stacks, the second referencing the first's resource group when `crossStack`; returns the written files and toTerraform calls. */
  function synth(AppClass: typeof App, name: string, crossStack: boolean) {
    const outdir = path.join(tmp, name);
    const app = new AppClass({ outdir, stackTraces: false });
    const hub = new TerraformStack(app, 'hub');
    new AzurermProvider(hub, 'azurerm', { features: [{}] });
    const rg = new ResourceGroup(hub, 'rg', { name: 'rg-hub', location: 'swedencentral', tags: { team: 'ai' } });
    const spoke = new TerraformStack(app, 'spoke');
    new AzurermProvider(spoke, 'azurerm', { features: [{}] });
    new ResourceGroup(spoke, 'rg', { name: crossStack ? rg.name : 'rg-spoke', location: 'swedencentral' });
    new TerraformOutput(spoke, 'where', { value: crossStack ? rg.location : 'swedencentral' });
    const spy = jest.spyOn(TerraformResource.prototype, 'toTerraform');
    let calls: number;
    try {
      app.synth();
    } finally {
      calls = spy.mock.calls.length;
      spy.mockRestore();
    }
    const files = ['hub', 'spoke'].map((s) => fs.readFileSync(path.join(outdir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
    return { files, calls, manifest: fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8') };
  }

  test('independent stacks: the same files, each element resolved once', () => {
    const ours = synth(StatelineAzureApp, 'ours', false);
    const cdktf = synth(App, 'cdktf', false);
    expect(ours.files).toEqual(cdktf.files);
    expect(ours.manifest).toEqual(cdktf.manifest);
    expect(cdktf.calls).toBe(4);
    expect(ours.calls).toBe(2);
  });

  test('a cross-stack reference: the same files (outputs and remote state added), computed as cdktf does', () => {
    const ours = synth(StatelineAzureApp, 'ours-x', true);
    const cdktf = synth(App, 'cdktf-x', true);
    expect(ours.files).toEqual(cdktf.files);
    expect(ours.files[1]).toMatch(/terraform_remote_state/);
    expect(ours.calls).toBe(cdktf.calls);
  });
});

describe("stateline's own stacks: the in-process app writes cdktf's bytes", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-app-own-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Every file under `dir` (relative path -> content). */
  function files(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
      }
    };
    walk(dir);
    return out;
  }

  // Every current stack kind (hub with NSGs, serving with tools' and clusters' resources, identities, link) at two sizes.
  test.each([
    ['the embedded default', DEFAULT_TOPOLOGY as unknown],
    ['16 serving regions, 4 agents', generateTopology(16, 4) as unknown],
  ])('%s: createAzureApp (StatelineAzureApp) and cdktf App write the same files', (name, raw) => {
    const derived = topologyFromRaw(raw, name);
    const dir = path.join(tmp, name.replace(/\W+/g, '-'));
    fs.mkdirSync(dir);
    createAzureApp(derived, path.join(dir, 'ours')).synth();
    const app = new App({ outdir: path.join(dir, 'cdktf'), stackTraces: false, skipValidation: false });
    buildAzureStacks(app, derived);
    app.synth();
    const ours = files(path.join(dir, 'ours'));
    const cdktf = files(path.join(dir, 'cdktf'));
    expect(Object.keys(ours).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(derived.serving.length + 3);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(cdktf).sort());
    for (const f of Object.keys(cdktf)) expect({ f, text: ours[f] }).toEqual({ f, text: cdktf[f] });
  });
});
