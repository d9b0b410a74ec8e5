import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildGraph } from '../../lib/graph/build';
import { selectRegions } from '../../lib/graph/select';
import { MERMAID_MAX_CHARS, renderDot, renderMermaid, renderSvg } from '../../lib/graph/render';
import { evaluate, loadInventory } from '../../lib/policy';
import { provenTargets } from '../../lib/path';
import { outputDirInputs } from '../../lib/cli/check';
import { copyScenario, scenarioDir } from '../scenarios';
import { run } from '../cli/run';

async function graphOf(dir: string) {
  const inventory = await loadInventory({ cwd: dir, ...outputDirInputs(dir) });
  return buildGraph(inventory.resources, evaluate(inventory).findings, { proven: provenTargets(inventory) });
}

describe('cross-cloud diagram', () => {
  test('default topology: both cloud boundaries, every serving region, four tunnels, the request path', async () => {
    const g = await graphOf(scenarioDir('default'));
    expect(g.groups.filter((x) => !x.parent).map((x) => x.label)).toEqual(['AWS: stateful agent runtime', 'Azure: stateless inference', 'private link: IPsec + BGP (4 tunnels)']);
    const regions = g.groups.filter((x) => x.label.startsWith('serving region')).map((x) => x.label);
    expect(regions).toEqual(['serving region francecentral (stateline-azure-serving-francecentral)', 'serving region swedencentral (stateline-azure-serving-swedencentral)']);
    const tunnels = g.nodes.filter((n) => n.role === 'tunnel');
    expect(tunnels.map((t) => t.label.split('\\n')[1]).sort()).toEqual(['169.254.21.0/30', '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30']);
    // Request path: runtime -> DNS forward -> tunnel -> private endpoint -> model.
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const request = g.edges.filter((e) => e.kind === 'request').map((e) => `${byId.get(e.from)?.role} -> ${byId.get(e.to)?.role}`);
    expect(request).toEqual(expect.arrayContaining([
      'agent runtime -> DNS resolver endpoint', 'DNS resolver endpoint -> tunnel', 'tunnel -> private endpoint', 'private endpoint -> AI Services account',
    ]));
    // Arrows only to what an agent calls on a proven path: the AI Services endpoints and the cluster, never the Key Vault endpoints.
    const targets = g.edges.filter((e) => e.kind === 'request' && byId.get(e.from)?.role === 'tunnel').map((e) => byId.get(e.to)!.label.replace(/\\n/g, ' ')).sort();
    expect(targets).toEqual(['AKS cluster (private) aks-stateline-sdc-llm', 'private endpoint pe-ais-stateline-frc', 'private endpoint pe-ais-stateline-sdc', 'resolver inbound endpoint in-stateline-sdc-hub']);
    expect(g.nodes.filter((n) => n.role === 'private endpoint' && /pe-kv-/.test(n.label))).toHaveLength(2);
    expect(g.nodes.filter((n) => n.violations.length > 0)).toEqual([]);
    const svg = await renderSvg(g);
    expect(svg).toContain('<svg');
    expect(svg).toContain('AWS: stateful agent runtime');
  });

  test("tools are drawn behind the agent's own gateway: runtime -> gateway -> each target, with the tool kind", async () => {
    const g = await graphOf(scenarioDir('default'));
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const tools = g.nodes.filter((n) => n.role === 'tool');
    expect(tools.map((n) => n.label)).toEqual(['tool\\norder-lookup (Lambda)']);
    const uses = g.edges.filter((e) => e.kind === 'uses').map((e) => `${byId.get(e.from)?.label} -${e.label ? `${e.label}-` : ''}> ${byId.get(e.to)?.label}`);
    expect(uses).toEqual(expect.arrayContaining([
      'agent runtime\\nstateline_support_agent_runtime -MCP tools-> tool gateway\\nstateline-support-agent-tools',
      'tool gateway\\nstateline-support-agent-tools -> tool\\norder-lookup (Lambda)',
    ]));
    expect(renderMermaid(g)).toMatch(/-\.->\|"MCP tools"\|/);
  });

  test('an injected SageMaker endpoint is drawn in red with its rule id', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-graph-'));
    try {
      copyScenario('default', tmp);
      const template = path.join(tmp, 'cdk.out', 'stateline-aws-agents-eu-central-1.template.json');
      const t = JSON.parse(fs.readFileSync(template, 'utf8'));
      t.Resources.InjectedEndpoint = { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'cfg' } };
      fs.writeFileSync(template, JSON.stringify(t));
      const g = await graphOf(tmp);
      const bad = g.nodes.filter((n) => n.violations.length > 0);
      expect(bad.map((n) => [n.role, n.violations])).toEqual([['SageMaker endpoint', ['placement/stateless-endpoint-outside-azure']]]);
      expect(renderDot(g)).toMatch(/InjectedEndpoint.*VIOLATION: placement\/stateless-endpoint-outside-azure.*color="#d00000"/);
      expect(renderMermaid(g)).toMatch(/InjectedEndpoint[^\n]*:::violation/);
      const r = await run(['graph', '--cdk-out', path.join(tmp, 'cdk.out'), '--cdktf-out', path.join(tmp, 'cdktf.out'), '--format', 'mermaid']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('classDef violation');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a broken path loses its arrow: no role assignment on francecentral', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-graph-'));
    try {
      copyScenario('default', tmp);
      const file = path.join(tmp, 'cdktf.out', 'stacks', 'stateline-azure-identity', 'cdk.tf.json');
      const t = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const k of Object.keys(t.resource.azurerm_role_assignment)) if (/francecentral/.test(k)) delete t.resource.azurerm_role_assignment[k];
      fs.writeFileSync(file, JSON.stringify(t));
      const g = await graphOf(tmp);
      const byId = new Map(g.nodes.map((n) => [n.id, n]));
      const targets = g.edges.filter((e) => e.kind === 'request' && byId.get(e.from)?.role === 'tunnel').map((e) => byId.get(e.to)!.label);
      expect(targets.some((l) => l.includes('pe-ais-stateline-frc'))).toBe(false);
      expect(targets.some((l) => l.includes('pe-ais-stateline-sdc'))).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('ten serving regions stay readable: low-level resources collapse, Mermaid fits GitHub', async () => {
    const g = await graphOf(scenarioDir('ten'));
    const regions = g.groups.filter((x) => x.label.startsWith('serving region'));
    expect(regions).toHaveLength(10);
    for (const r of regions) expect(g.nodes.filter((n) => n.group === r.id).length).toBeLessThanOrEqual(10);
    expect(g.nodes.length).toBeLessThan(130);
    const mermaid = renderMermaid(g);
    expect(mermaid.length).toBeLessThan(MERMAID_MAX_CHARS);
    expect(g.edges.filter((e) => e.kind !== 'layout').length).toBeLessThan(500);
  });
});

describe('graph --region', () => {
  test('one serving region of ten: hub, link, AWS and the cross-cloud path stay; the rest fold into one node', async () => {
    const inventory = await loadInventory({ cwd: scenarioDir('ten'), ...outputDirInputs(scenarioDir('ten')) });
    const findings = evaluate(inventory).findings;
    const sel = selectRegions(inventory.resources, findings, ['francecentral']);
    expect(sel.shown).toEqual(['stateline-azure-serving-francecentral']);
    expect(sel.hidden).toHaveLength(9);
    const g = buildGraph(sel.resources, findings, { omitted: { stacks: sel.hidden, violations: sel.hiddenViolations }, proven: provenTargets(inventory) });
    expect(g.groups.filter((x) => x.cloud === 'azure' && x.parent).map((x) => x.label.split(' (')[0])).toEqual(['hub swedencentral', 'agent identities', 'link swedencentral', 'serving region francecentral']);
    expect(g.groups.some((x) => x.cloud === 'aws' && x.parent)).toBe(true);
    expect(g.nodes.filter((n) => n.role === 'tunnel')).toHaveLength(4);
    expect(g.nodes.find((n) => n.role === 'omitted serving regions')?.label).toMatch(/^9 other serving regions not drawn/);
    // The request path still reaches the selected region's private endpoint.
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const request = g.edges.filter((e) => e.kind === 'request').map((e) => `${byId.get(e.from)?.role} -> ${byId.get(e.to)?.group}`);
    expect(request).toContain('tunnel -> g_azure_stateline_azure_serving_francecentral');
  });

  test('a group by glob or list; an unknown region is a usage error naming the serving regions', async () => {
    const dir = scenarioDir('ten');
    const glob = await run(['graph', '--cdk-out', path.join(dir, 'cdk.out'), '--cdktf-out', path.join(dir, 'cdktf.out'), '--format', 'dot', '--region', '*europe,swedencentral']);
    expect(glob.code).toBe(0);
    expect(glob.out.match(/label="serving region [a-z]+/g)?.map((l) => l.split(' ').pop()).sort()).toEqual(['northeurope', 'swedencentral', 'westeurope']);
    expect(glob.out).toContain('7 other serving regions not drawn');
    const bad = await run(['graph', '--cdk-out', path.join(dir, 'cdk.out'), '--cdktf-out', path.join(dir, 'cdktf.out'), '--region', 'atlantis']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--region "atlantis" matches no serving region; serving regions: .*francecentral/);
  });

  test('a violation in a folded region stays visible on the fold node', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-graph-region-'));
    try {
      copyScenario('ten', tmp);
      const file = path.join(tmp, 'cdktf.out', 'stacks', 'stateline-azure-serving-westeurope', 'cdk.tf.json');
      const t = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const acc of Object.values<any>(t.resource.azurerm_cognitive_account)) acc.public_network_access_enabled = true;
      fs.writeFileSync(file, JSON.stringify(t));
      const inventory = await loadInventory({ cwd: tmp, ...outputDirInputs(tmp) });
      const findings = evaluate(inventory).findings;
      const sel = selectRegions(inventory.resources, findings, ['francecentral']);
      expect(sel.hiddenViolations.length).toBeGreaterThan(0);
      const g = buildGraph(sel.resources, findings, { omitted: { stacks: sel.hidden, violations: sel.hiddenViolations } });
      expect(g.nodes.find((n) => n.role === 'omitted serving regions')?.violations).toEqual(sel.hiddenViolations);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
