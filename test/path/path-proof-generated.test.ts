/**
 * The path proof on a mid-size generated topology (8 serving regions, 3 agents: 18 paths per
 * agent), with several hops broken at once in different regions and agents. The proof shares
 * work between agents and regions (see lib/path/index.ts), so this checks the sharing never
 * leaks a verdict: every path gets exactly the first broken hop that a straightforward reading
 * of the edits predicts, and every other path stays proven. The snapshot (recorded before the
 * proof was restructured for speed) pins every hop's verdict and each broken hop's message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateTopology } from '../../bench/topologies';
import { outputDirInputs } from '../../lib/cli/check';
import { synthesize } from '../../lib/cli/synth';
import { HopId, pathCounts, PathReport, provePaths } from '../../lib/path';
import { loadInventory } from '../../lib/policy';
import { derive } from '../../lib/topology/derive';
import { validateTopology } from '../../lib/topology/validate';

type Json = any;

const AGENTS = ['agent_1', 'agent_2', 'agent_3'];
const AWS_TEMPLATE = 'cdk.out/stateline-aws-agents-eu-central-1.template.json';
const stack = (name: string) => `cdktf.out/stacks/${name}/cdk.tf.json`;
const serving = (region: string) => stack(`stateline-azure-serving-${region}`);

let dir: string;
let clean: PathReport;
let broken: PathReport;

const tf = (files: Record<string, Json>, file: string, type: string): Record<string, Json> => files[file].resource[type];
const one = (files: Record<string, Json>, file: string, type: string, pattern: RegExp): Json =>
  Object.entries(tf(files, file, type)).find(([k]) => pattern.test(k))![1];

/** One hop broken per region or agent; each comment names the paths it must break and no others. */
function breakHops(files: Record<string, Json>): void {
  // target: canadacentral's embedding deployment is gone (the catalog still names it): 3 paths.
  const deployments = tf(files, serving('canadacentral'), 'azurerm_cognitive_deployment');
  for (const k of Object.keys(deployments)) if (/text-embedding/.test(k)) delete deployments[k];
  // token: agent_3 may no longer fetch tokens: its deployment paths (its model server paths have no token hop).
  const template = files[AWS_TEMPLATE];
  for (const id of Object.keys(template.Resources)) if (/^Agentsagent3AzureTokensTokenFetch/.test(id)) delete template.Resources[id];
  // dns: austriaeast's private endpoint is registered in no zone: 2 paths per agent.
  for (const pe of Object.values<Json>(tf(files, serving('austriaeast'), 'azurerm_private_endpoint'))) delete pe.private_dns_zone_group;
  // route: centralindia's spoke does not use the hub gateway: 2 paths per agent.
  one(files, serving('centralindia'), 'azurerm_virtual_network_peering', /SpokeToHub/).use_remote_gateways = false;
  // nsg: brazilsouth's private endpoint NSG denies the agents first: 2 paths per agent.
  one(files, serving('brazilsouth'), 'azurerm_network_security_group', /private-endpoints/).security_rule.push({
    access: 'Deny', direction: 'Inbound', name: 'DenyAgentsFirst', priority: 50, protocol: 'Tcp', destination_address_prefix: '*', destination_port_range: '443',
    source_address_prefixes: ['172.16.0.0/18', '172.16.64.0/18'], source_port_range: '*',
  });
  // nsg: australiaeast's AKS node subnet no longer admits the agents: its model server, every agent.
  const aks = one(files, serving('australiaeast'), 'azurerm_network_security_group', /aks-llm/);
  aks.security_rule = aks.security_rule.filter((r: Json) => r.name !== 'AllowAgentsHttpsToModelServer');
  // authorization: agent_2 lost its role on belgiumcentral: 2 paths.
  const assignments = tf(files, stack('stateline-azure-identity'), 'azurerm_role_assignment');
  for (const k of Object.keys(assignments)) if (/^agent_2_Inference-belgiumcentral_/.test(k)) delete assignments[k];
}

/** What the edits predict for one path: its first broken hop, or undefined (proven). */
function expected(agent: string, region: string, kind: 'model-deployment' | 'model-server', label: string): HopId | undefined {
  if (kind === 'model-server') return region === 'australiaeast' ? 'nsg' : undefined;
  if (region === 'canadacentral' && /^text-embedding/.test(label)) return 'target';
  if (agent === 'agent_3') return 'token';
  if (region === 'austriaeast') return 'dns';
  if (region === 'centralindia') return 'route';
  if (region === 'brazilsouth') return 'nsg';
  if (region === 'belgiumcentral' && agent === 'agent_2') return 'authorization';
  return undefined;
}

const regionOf = (stackName: string) => stackName.replace(/^stateline-azure-serving-/, '');

/** Every path as `agent | target | hops` with each broken hop's message: what the snapshot pins. */
function render(report: PathReport): string[] {
  return report.agents.flatMap((a) => a.paths.map((p) => `${a.agent} | ${p.target.label} | ${p.hops.map((h) => (h.ok ? h.hop : `${h.hop} BROKEN: ${h.detail}`)).join(' ; ')}`)).sort();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-path-gen-'));
  const r = validateTopology(generateTopology(8, AGENTS.length));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const cleanDir = path.join(dir, 'clean');
  synthesize(derive(r.topology), cleanDir);
  clean = provePaths(await loadInventory({ cwd: cleanDir, ...outputDirInputs(cleanDir) }));

  const brokenDir = path.join(dir, 'broken');
  fs.cpSync(cleanDir, brokenDir, { recursive: true });
  const names = [AWS_TEMPLATE, stack('stateline-azure-identity'), ...['canadacentral', 'austriaeast', 'centralindia', 'brazilsouth', 'australiaeast'].map(serving)];
  const files: Record<string, Json> = Object.fromEntries(names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(brokenDir, n), 'utf8'))]));
  breakHops(files);
  for (const n of names) fs.writeFileSync(path.join(brokenDir, n), JSON.stringify(files[n]));
  broken = provePaths(await loadInventory({ cwd: brokenDir, ...outputDirInputs(brokenDir) }));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('path proof on a generated topology (8 regions x 3 agents)', () => {
  test('as synthesized, every path of every agent is proven: 16 deployments and 2 model servers each', () => {
    expect(pathCounts(clean)).toEqual(AGENTS.map((agent) => ({ agent, proven: 18, total: 18 })));
  });

  test('each edit breaks exactly the paths it touches, at the first broken hop, and no other path', () => {
    expect(broken.agents.map((a) => a.agent)).toEqual(AGENTS);
    const got: string[] = [];
    const want: string[] = [];
    for (const a of broken.agents) {
      for (const p of a.paths) {
        expect(p.target.resource).toBeDefined();
        const region = regionOf(p.target.resource!.stack);
        got.push(`${a.agent} ${region} ${p.target.label}: ${p.broken?.hop ?? 'proven'}`);
        want.push(`${a.agent} ${region} ${p.target.label}: ${expected(a.agent, region, p.target.kind, p.target.label) ?? 'proven'}`);
      }
    }
    expect(got).toEqual(want);
    // The same paths as before the edits, and the expected number broken.
    expect(pathCounts(broken)).toEqual([
      { agent: 'agent_1', proven: 18 - 1 - 2 * 3 - 1, total: 18 },
      { agent: 'agent_2', proven: 18 - 1 - 2 * 3 - 1 - 2, total: 18 },
      { agent: 'agent_3', proven: 1, total: 18 },
    ]);
  });

  test('hops after the first broken one are still evaluated on their own (a fix shows the next problem)', () => {
    const a3 = broken.agents.find((a) => a.agent === 'agent_3')!;
    const austria = a3.paths.filter((p) => p.target.resource && regionOf(p.target.resource.stack) === 'austriaeast' && p.target.kind === 'model-deployment');
    expect(austria).toHaveLength(2);
    for (const p of austria) {
      expect(p.broken?.hop).toBe('token');
      expect(p.hops.filter((h) => !h.ok).map((h) => h.hop)).toEqual(['token', 'dns']);
    }
  });

  test('agents whose security groups read alike share one verdict, but each finding names the agent\'s own groups', async () => {
    // Every agent's group loses HTTPS to australiaeast (the same edit in each, so their network keys stay equal).
    const sgDir = path.join(dir, 'security-groups');
    fs.cpSync(path.join(dir, 'clean'), sgDir, { recursive: true });
    const file = path.join(sgDir, AWS_TEMPLATE);
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [id, r] of Object.entries<Json>(template.Resources)) {
      if (r.Type !== 'AWS::EC2::SecurityGroup' || !/RuntimeSecurityGroup/.test(id)) continue;
      r.Properties.SecurityGroupEgress = r.Properties.SecurityGroupEgress.filter((e: Json) => !/serving australiaeast /.test(e.Description));
    }
    fs.writeFileSync(file, JSON.stringify(template));
    const report = provePaths(await loadInventory({ cwd: sgDir, ...outputDirInputs(sgDir) }));
    for (const a of report.agents) {
      const blocked = a.paths.filter((p) => p.broken?.hop === 'security-group');
      // The two deployments and the model server of australiaeast.
      expect(blocked.map((p) => p.target.label).sort()).toEqual(['gpt-5-6-terra on ais-stateline-aue', 'model server llm at 10.4.1.36', 'text-embedding-3-large on ais-stateline-aue']);
      const own = new RegExp(`security groups \\(Agents${a.agent.replace('_', '')}RuntimeSecurityGroup[0-9A-F]{8}\\) do not allow HTTPS \\(443\\) to 10\\.4\\.`);
      for (const p of blocked) expect(p.broken!.detail).toMatch(own);
    }
  });

  test('every hop verdict and broken-hop message (snapshot recorded before the proof was restructured)', () => {
    expect(render(broken)).toMatchSnapshot();
  });
});
