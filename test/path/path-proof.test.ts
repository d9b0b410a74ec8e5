/**
 * The agent-to-model path proof on the default topology's real synthesized outputs: every path
 * is proven as synthesized; breaking exactly one hop in the files (as a hand edit, an override
 * or a drifted fork would) gives exactly the matching `path/*` finding, naming the agent, the
 * model and the hop, and no other path finding.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputDirInputs } from '../../lib/cli/check';
import { Finding, loadInventory, runCheck } from '../../lib/policy';
import { pathCounts, provePaths } from '../../lib/path';
import { scenarioDir } from '../scenarios';

const AWS_TEMPLATE = 'cdk.out/stateline-aws-agents-eu-central-1.template.json';
const tf = (stack: string) => `cdktf.out/stacks/${stack}/cdk.tf.json`;
const HUB = tf('stateline-azure-hub');
const SDC = tf('stateline-azure-serving-swedencentral');
const FRC = tf('stateline-azure-serving-francecentral');
const IDENTITY = tf('stateline-azure-identity');
const LINK = tf('stateline-azure-link');

type Json = any;
type Mutation = (files: Record<string, Json>) => void;

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Copies the default outputs, applies the edit to the parsed files, returns the path findings. */
async function pathFindings(mutate: Mutation, only?: { cdkOut?: boolean; cdktfOut?: boolean }): Promise<Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-path-'));
  tmpDirs.push(dir);
  fs.cpSync(scenarioDir('default'), dir, { recursive: true });
  const names = [AWS_TEMPLATE, HUB, SDC, FRC, IDENTITY, LINK];
  const files: Record<string, Json> = Object.fromEntries(names.map((n) => [n, JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8'))]));
  mutate(files);
  for (const n of names) fs.writeFileSync(path.join(dir, n), JSON.stringify(files[n]));
  const inputs = outputDirInputs(dir);
  const { report } = await runCheck({ cwd: dir, cdkOut: only?.cdktfOut ? undefined : inputs.cdkOut, cdktfOut: only?.cdkOut ? undefined : inputs.cdktfOut });
  return report.findings.filter((f) => f.rule.startsWith('path/'));
}

const resourcesOf = (t: Json, type: string) => Object.entries(t.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
const deleteWhere = (t: Json, pred: (id: string, r: Json) => boolean) => {
  for (const [id, r] of Object.entries(t.Resources as Record<string, Json>)) if (pred(id, r)) delete t.Resources[id];
};
const tfResources = (t: Json, type: string): Record<string, Json> => t.resource[type] ?? {};

/** The single finding of a broken hop: the rule, on the agent runtime, naming agent, model and what is wrong. */
function expectOnly(findings: Finding[], rule: string, ...texts: RegExp[]) {
  expect(findings.map((f) => f.rule)).toEqual([rule]);
  expect(findings[0]).toMatchObject({ cloud: 'aws', resourceType: 'AWS::BedrockAgentCore::Runtime', severity: 'error' });
  expect(findings[0].message).toMatch(/^agent support_agent -> /);
  for (const t of texts) expect(findings[0].message).toMatch(t);
}

describe('agent-to-model path proof', () => {
  test('the default outputs prove every path: 3 deployments and 1 model server for support_agent', async () => {
    const dir = scenarioDir('default');
    const inv = await loadInventory({ cwd: dir, ...outputDirInputs(dir) });
    const report = provePaths(inv);
    expect(report.applicable).toBe(true);
    expect(pathCounts(report)).toEqual([{ agent: 'support_agent', proven: 4, total: 4 }]);
    const labels = report.agents[0].paths.map((p) => p.target.label).sort();
    expect(labels).toEqual(['gpt-5-6-terra on ais-stateline-frc', 'gpt-5-6-terra on ais-stateline-sdc', 'model server llm at 10.101.1.36', 'text-embedding-3-large on ais-stateline-sdc']);
    // Every hop of a deployment path was checked, in request order.
    expect(report.agents[0].paths[0].hops.map((h) => h.hop)).toEqual(['target', 'token', 'dns', 'security-group', 'route', 'nsg', 'authorization']);
    expect(await pathFindings(() => undefined)).toEqual([]);
  });

  test('one cloud alone gets no path findings (nothing to connect)', async () => {
    const broken = (f: Record<string, Json>) => deleteWhere(f[AWS_TEMPLATE], (_, r) => r.Type === 'AWS::BedrockAgentCore::OAuth2CredentialProvider');
    expect(await pathFindings(broken, { cdkOut: true })).toEqual([]);
    expect(await pathFindings(broken, { cdktfOut: true })).toEqual([]);
  });

  describe('DNS', () => {
    test('no resolver rule association for openai.azure.com', async () => {
      const findings = await pathFindings((f) => deleteWhere(f[AWS_TEMPLATE], (id) => /ForwardOpenaiAzureComAssociation/.test(id)));
      expectOnly(findings, 'path/dns-unresolvable', /gpt-5-6-terra on ais-stateline-sdc/, /no Route 53 Resolver rule for openai\.azure\.com is associated with the agent VPC/);
    });

    test('a rule forwarding somewhere else', async () => {
      const findings = await pathFindings((f) => {
        for (const [, r] of resourcesOf(f[AWS_TEMPLATE], 'AWS::Route53Resolver::ResolverRule')) r.Properties.TargetIps = [{ Ip: '10.100.0.99', Port: '53' }];
      });
      expectOnly(findings, 'path/dns-unresolvable', /forwards openai\.azure\.com to 10\.100\.0\.99, not to the Azure DNS Private Resolver inbound address \(10\.100\.0\.36\)/);
    });

    test('the resolver endpoint may not send DNS to Azure', async () => {
      const findings = await pathFindings((f) => {
        const [, sg] = resourcesOf(f[AWS_TEMPLATE], 'AWS::EC2::SecurityGroup').find(([id]) => /DnsForwarding/.test(id))!;
        sg.Properties.SecurityGroupEgress = [{ CidrIp: '10.100.0.36/32', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }];
      });
      expectOnly(findings, 'path/dns-unresolvable', /resolver endpoint .* does not allow DNS \(53\) to 10\.100\.0\.36/);
    });

    test('the runtime may not reach the VPC resolver', async () => {
      const findings = await pathFindings((f) => {
        const [, sg] = resourcesOf(f[AWS_TEMPLATE], 'AWS::EC2::SecurityGroup').find(([id]) => /RuntimeSecurityGroup/.test(id))!;
        sg.Properties.SecurityGroupEgress = sg.Properties.SecurityGroupEgress.filter((e: Json) => e.FromPort !== 53);
      });
      expectOnly(findings, 'path/dns-unresolvable', /allow no DNS \(53\) to the VPC resolver 10\.20\.0\.2/);
    });

    test('the privatelink zone is not linked to the hub VNet', async () => {
      const findings = await pathFindings((f) => {
        const links = tfResources(f[HUB], 'azurerm_private_dns_zone_virtual_network_link');
        for (const k of Object.keys(links)) if (/privatelinkopenaiazurecom/i.test(k)) delete links[k];
      });
      expectOnly(findings, 'path/dns-unresolvable', /privatelink\.openai\.azure\.com is not linked to the resolver's VNet vnet-stateline-sdc-hub/);
    });

    test('the private endpoint is not registered in the zone', async () => {
      const findings = await pathFindings((f) => {
        for (const pe of Object.values(tfResources(f[FRC], 'azurerm_private_endpoint'))) delete pe.private_dns_zone_group;
      });
      expectOnly(findings, 'path/dns-unresolvable', /gpt-5-6-terra on ais-stateline-frc/, /not registered in privatelink\.openai\.azure\.com/);
    });
  });

  describe('network', () => {
    test('a security group that no longer allows HTTPS to the serving VNet', async () => {
      const findings = await pathFindings((f) => {
        const [, sg] = resourcesOf(f[AWS_TEMPLATE], 'AWS::EC2::SecurityGroup').find(([id]) => /RuntimeSecurityGroup/.test(id))!;
        for (const e of sg.Properties.SecurityGroupEgress) if (e.CidrIp === '10.102.0.0/22') e.CidrIp = '10.102.3.0/24';
      });
      expectOnly(findings, 'path/blocked-by-security-group', /gpt-5-6-terra on ais-stateline-frc/, /do not allow HTTPS \(443\) to 10\.102\.0\.0\/27/);
    });

    test('no route propagation from the VPN gateway', async () => {
      const findings = await pathFindings((f) => deleteWhere(f[AWS_TEMPLATE], (_, r) => r.Type === 'AWS::EC2::VPNGatewayRoutePropagation'));
      expectOnly(findings, 'path/no-route', /gpt-5-6-terra on ais-stateline-sdc: route table .* has no route to 10\.101\.1\.0\/27/, /model server llm at 10\.101\.1\.36: route table .* has no route to 10\.101\.1\.36/);
    });

    test('the Azure resolver is not routed from the resolver endpoint subnets (static routes to the serving VNets only)', async () => {
      const findings = await pathFindings((f) => {
        const t = f[AWS_TEMPLATE];
        const [pid, prop] = resourcesOf(t, 'AWS::EC2::VPNGatewayRoutePropagation')[0];
        delete t.Resources[pid];
        prop.Properties.RouteTableIds.forEach((rt: Json, i: number) => ['10.101.0.0/22', '10.102.0.0/22'].forEach((cidr, j) => {
          t.Resources[`Static${i}x${j}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: rt, DestinationCidrBlock: cidr, GatewayId: prop.Properties.VpnGatewayId } };
        }));
      });
      expectOnly(findings, 'path/no-route', /DNS queries from resolver endpoint .* to the Azure resolver 10\.100\.0\.36: route table .* has no route/);
    });

    test('VPN connections with static routes only (no BGP)', async () => {
      const findings = await pathFindings((f) => {
        for (const [, c] of resourcesOf(f[AWS_TEMPLATE], 'AWS::EC2::VPNConnection')) c.Properties.StaticRoutesOnly = true;
      });
      expect(findings.map((x) => x.rule)).toContain('path/no-route');
      expect(findings.find((x) => x.rule === 'path/no-route')!.message).toMatch(/static routes only \(no BGP\)/);
    });

    test('the cognitive services host must resolve too: its zone not linked to the hub', async () => {
      const findings = await pathFindings((f) => {
        const links = tfResources(f[HUB], 'azurerm_private_dns_zone_virtual_network_link');
        for (const k of Object.keys(links)) if (/privatelinkcognitiveservices/i.test(k)) delete links[k];
      });
      expectOnly(findings, 'path/dns-unresolvable', /privatelink\.cognitiveservices\.azure\.com is not linked/);
    });

    test('an NSG allowing the Internet tag does not admit the agents (their addresses are private)', async () => {
      const findings = await pathFindings((f) => {
        const t = f[SDC];
        t.resource.azurerm_network_security_group = { pe_nsg: { name: 'nsg-pe', location: 'swedencentral', resource_group_name: 'rg-stateline-sdc-serving', security_rule: [
          { name: 'allow-internet', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '443' },
          { name: 'deny-rest', priority: 200, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '*' },
        ] } };
        const subnet = Object.keys(tfResources(t, 'azurerm_subnet')).find((k) => /private-endpoints/.test(k))!;
        t.resource.azurerm_subnet_network_security_group_association = { pe: { subnet_id: `\${azurerm_subnet.${subnet}.id}`, network_security_group_id: '${azurerm_network_security_group.pe_nsg.id}' } };
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/blocked-by-nsg']);
      expect(findings[0].message).toMatch(/at rule deny-rest \(priority 200\)/);
    });

    test('a spoke that does not use the hub gateway is not advertised', async () => {
      const findings = await pathFindings((f) => {
        for (const p of Object.values(tfResources(f[FRC], 'azurerm_virtual_network_peering'))) delete p.use_remote_gateways;
      });
      expectOnly(findings, 'path/no-route', /gpt-5-6-terra on ais-stateline-frc/, /peering azurerm_virtual_network_peering\.Network_SpokeToHub_[0-9A-F]{8} in stack stateline-azure-serving-francecentral does not use the hub's remote gateway/);
    });

    test('a hub-to-spoke peering that does not allow gateway transit leaves the spoke unadvertised, naming the peering and its stack', async () => {
      const findings = await pathFindings((f) => {
        const peerings = Object.entries(tfResources(f[FRC], 'azurerm_virtual_network_peering'));
        const hubSide = peerings.filter(([k]) => /HubToSpoke/.test(k));
        // The hub side of the spoke's peering lives in the spoke's stack; it grants transit as synthesized.
        expect(hubSide).toHaveLength(1);
        expect(hubSide[0][1]).toMatchObject({ allow_gateway_transit: true, virtual_network_name: 'vnet-stateline-sdc-hub' });
        delete hubSide[0][1].allow_gateway_transit;
      });
      expectOnly(findings, 'path/no-route', /gpt-5-6-terra on ais-stateline-frc: /,
        /peering azurerm_virtual_network_peering\.Network_HubToSpoke_[0-9A-F]{8} in stack stateline-azure-serving-francecentral does not allow gateway transit \(allow_gateway_transit\)/);
      // Only the spoke's paths: the hub region's (swedencentral) stay proven.
      expect(findings[0].message).not.toMatch(/ais-stateline-sdc/);
    });

    test('a spoke without its hub-to-spoke peering is not peered both ways, naming both VNets\' stacks', async () => {
      const findings = await pathFindings((f) => {
        const peerings = tfResources(f[FRC], 'azurerm_virtual_network_peering');
        for (const k of Object.keys(peerings)) if (/HubToSpoke/.test(k)) delete peerings[k];
      });
      expectOnly(findings, 'path/no-route', /gpt-5-6-terra on ais-stateline-frc: /,
        /VNet vnet-stateline-frc-serving \(stack stateline-azure-serving-francecentral\) is not peered both ways with hub vnet-stateline-sdc-hub \(stack stateline-azure-hub\): no hub to spoke peering in the inputs/);
    });

    test('the model endpoint leaves its application security group: the NSG drops the agents at the rule that keeps them off the Key Vault', async () => {
      const findings = await pathFindings((f) => {
        const memberships = tfResources(f[SDC], 'azurerm_private_endpoint_application_security_group_association');
        for (const k of Object.keys(memberships)) if (/ModelEndpoint/.test(k)) delete memberships[k];
      });
      expectOnly(findings, 'path/blocked-by-nsg', /gpt-5-6-terra on ais-stateline-sdc: network security group nsg-stateline-sdc-private-endpoints on subnet snet-private-endpoints drops HTTPS from the agent subnets \(10\.20\.0\.0\/18, 10\.20\.64\.0\/18\) at rule DenyAgentsToOtherEndpoints \(priority 200\)/);
      expect(findings[0].message).not.toMatch(/ais-stateline-frc/);
    });

    test('the AKS node subnet NSG without the agents\' rule drops the model server calls at the deny-all', async () => {
      const findings = await pathFindings((f) => {
        for (const nsg of Object.values(tfResources(f[SDC], 'azurerm_network_security_group'))) {
          nsg.security_rule = nsg.security_rule.filter((r: Json) => r.name !== 'AllowAgentsHttpsToModelServer');
        }
      });
      expectOnly(findings, 'path/blocked-by-nsg', /model server llm at 10\.101\.1\.36: network security group nsg-stateline-sdc-aks-llm on subnet snet-aks-llm drops HTTPS .* at rule DenyAllInbound \(priority 4096\)/);
    });

    test('the resolver subnet NSG admitting DNS from elsewhere breaks DNS, naming the NSG and the rule to change', async () => {
      const findings = await pathFindings((f) => {
        for (const nsg of Object.values(tfResources(f[HUB], 'azurerm_network_security_group'))) {
          for (const r of nsg.security_rule) if (/AllowAwsResolverDns/.test(r.name)) r.source_address_prefixes = ['10.20.128.0/18'];
        }
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/dns-unresolvable']);
      expect(findings[0].message).toMatch(/network security group nsg-stateline-sdc-hub-dns-inbound on the resolver's subnet snet-dns-inbound drops DNS from the Route 53 Resolver outbound endpoint \(10\.20\.0\.0\/18, 10\.20\.64\.0\/18\) at rule DenyAllInbound \(priority 4096\)/);
    });

    test('an NSG on the private endpoint subnet that denies the agents; allowed when an earlier rule admits them', async () => {
      const nsg = (rules: Json[]) => (f: Record<string, Json>) => {
        const t = f[SDC];
        t.resource.azurerm_network_security_group = { pe_nsg: { name: 'nsg-pe', location: 'swedencentral', resource_group_name: 'rg-stateline-sdc-serving', security_rule: rules } };
        const subnet = Object.keys(tfResources(t, 'azurerm_subnet')).find((k) => /private-endpoints/.test(k))!;
        t.resource.azurerm_subnet_network_security_group_association = { pe: { subnet_id: `\${azurerm_subnet.${subnet}.id}`, network_security_group_id: '${azurerm_network_security_group.pe_nsg.id}' } };
      };
      const deny = { name: 'deny-all-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source_address_prefix: '*', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '*' };
      const allow = { name: 'allow-agents-https', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '10.20.0.0/16', source_port_range: '*', destination_address_prefix: '10.101.1.0/27', destination_port_range: '443' };
      const blocked = await pathFindings(nsg([deny]));
      expect(blocked.map((x) => x.rule)).toEqual(['path/blocked-by-nsg']);
      expect(blocked[0].message).toMatch(/network security group nsg-pe on subnet snet-private-endpoints drops HTTPS from the agent subnets \(10\.20\.0\.0\/18, 10\.20\.64\.0\/18\) at rule deny-all-in \(priority 4000\)/);
      expect(await pathFindings(nsg([deny, allow]))).toEqual([]);
    });
  });

  describe('authorization and token', () => {
    test('no role assignment for the agent on an account', async () => {
      const findings = await pathFindings((f) => {
        const ra = tfResources(f[IDENTITY], 'azurerm_role_assignment');
        for (const k of Object.keys(ra)) if (/francecentral/.test(k)) delete ra[k];
      });
      expectOnly(findings, 'path/no-role-assignment', /gpt-5-6-terra on ais-stateline-frc/, /has no role on ais-stateline-frc/);
    });

    test('a control-plane role is not an inference role', async () => {
      const findings = await pathFindings((f) => {
        for (const ra of Object.values(tfResources(f[IDENTITY], 'azurerm_role_assignment'))) ra.role_definition_name = 'Cognitive Services Contributor';
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/no-role-assignment']);
      expect(findings[0].message).toMatch(/holds Cognitive Services Contributor on .*: not an unconditional inference \(data-plane\) role/);
    });

    test('an ABAC condition on the assignment proves nothing (stateline cannot evaluate it)', async () => {
      const findings = await pathFindings((f) => {
        for (const ra of Object.values(tfResources(f[IDENTITY], 'azurerm_role_assignment'))) {
          ra.condition = "@Resource[Microsoft.CognitiveServices/accounts/deployments:name] StringEquals 'none'";
          ra.condition_version = '2.0';
        }
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/no-role-assignment']);
      expect(findings[0].message).toMatch(/with an ABAC condition stateline cannot evaluate/);
    });

    test('the token vault and workload identity resources are part of the grant', async () => {
      const findings = await pathFindings((f) => {
        const [, policy] = resourcesOf(f[AWS_TEMPLATE], 'AWS::IAM::Policy').find(([id]) => /TokenFetch/.test(id))!;
        const st = policy.Properties.PolicyDocument.Statement.find((x: Json) => x.Sid === 'AzureTokenFromAgentCoreIdentity');
        st.Resource = st.Resource.filter((r: Json) => !JSON.stringify(r).includes('token-vault'));
      });
      expectOnly(findings, 'path/no-token-path', /not on token-vault\/default/);
    });

    test('the client secret under a customer-managed key needs kms:Decrypt', async () => {
      const findings = await pathFindings((f) => {
        const [, policy] = resourcesOf(f[AWS_TEMPLATE], 'AWS::IAM::Policy').find(([id]) => /TokenFetch/.test(id))!;
        policy.Properties.PolicyDocument.Statement = policy.Properties.PolicyDocument.Statement.filter((x: Json) => x.Sid !== 'DecryptAzureClientSecret');
      });
      expectOnly(findings, 'path/no-token-path', /may not decrypt its client secret \(kms:Decrypt on KeysSecrets/);
    });

    test('a conditional Deny does not disprove a grant; an unconditional one does', async () => {
      const deny = (condition?: Json) => (f: Record<string, Json>) => {
        const [, policy] = resourcesOf(f[AWS_TEMPLATE], 'AWS::IAM::Policy').find(([id]) => /TokenFetch/.test(id))!;
        policy.Properties.PolicyDocument.Statement.push({ Effect: 'Deny', Action: 'bedrock-agentcore:*', Resource: '*', ...(condition ? { Condition: condition } : {}) });
      };
      expect(await pathFindings(deny({ Bool: { 'aws:ViaAWSService': 'false' } }))).toEqual([]);
      expect((await pathFindings(deny())).map((x) => x.rule)).toEqual(['path/no-token-path']);
    });

    test('no credential provider', async () => {
      const findings = await pathFindings((f) => deleteWhere(f[AWS_TEMPLATE], (_, r) => r.Type === 'AWS::BedrockAgentCore::OAuth2CredentialProvider'));
      expectOnly(findings, 'path/no-token-path', /no OAuth2 credential provider named "stateline-support_agent-entra"/);
    });

    test('no permission to fetch tokens from it', async () => {
      const findings = await pathFindings((f) => deleteWhere(f[AWS_TEMPLATE], (id) => /TokenFetch/.test(id)));
      expectOnly(findings, 'path/no-token-path', /may not call bedrock-agentcore:GetResourceOauth2Token/);
    });

    describe('the bedrock-agentcore endpoint policy', () => {
      const agentCoreEndpoint = (f: Record<string, Json>) => resourcesOf(f[AWS_TEMPLATE], 'AWS::EC2::VPCEndpoint').find(([, r]) => /\.bedrock-agentcore$/.test(String(r.Properties.ServiceName)))!;

      test('as synthesized it lets the runtime role fetch its token (the data perimeter statement)', async () => {
        expect(await pathFindings((f) => {
          const [, e] = agentCoreEndpoint(f);
          expect(e.Properties.PolicyDocument.Statement[0].Sid).toBe('AllowRequestsByAccountIdentitiesToAccountResources');
        })).toEqual([]);
      });

      test('a policy that does not allow GetResourceOauth2Token breaks the token hop, naming the endpoint policy', async () => {
        const findings = await pathFindings((f) => {
          const [, e] = agentCoreEndpoint(f);
          e.Properties.PolicyDocument.Statement = [{ Sid: 'MemoryOnly', Effect: 'Allow', Principal: '*', Action: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:ListEvents'], Resource: '*' }];
        });
        expectOnly(findings, 'path/no-token-path', /the endpoint policy \(PolicyDocument\) of VPC endpoint EndpointsBedrockAgentcore\w+ does not let the runtime role \w*RuntimeExecutionRole\w* call bedrock-agentcore:GetResourceOauth2Token on credential provider stateline-support_agent-entra: no Allow statement matches \("MemoryOnly"\)/);
      });

      test('an explicit Deny, or an Allow for another role only, breaks it too', async () => {
        const deny = await pathFindings((f) => {
          const [, e] = agentCoreEndpoint(f);
          e.Properties.PolicyDocument.Statement.push({ Sid: 'NoTokens', Effect: 'Deny', Principal: '*', Action: 'bedrock-agentcore:GetResourceOauth2Token', Resource: '*' });
        });
        expectOnly(deny, 'path/no-token-path', /statement "NoTokens" denies it/);
        const otherRole = await pathFindings((f) => {
          const [, e] = agentCoreEndpoint(f);
          e.Properties.PolicyDocument.Statement = [{ Sid: 'GatewayRoleOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': ['ToolsServiceRoleDoesNotExist', 'Arn'] } } } }];
        });
        expectOnly(otherRole, 'path/no-token-path', /no Allow statement matches \("GatewayRoleOnly"\)/);
      });
    });

    test('no bedrock-agentcore endpoint in the VPC', async () => {
      const findings = await pathFindings((f) => deleteWhere(f[AWS_TEMPLATE], (_, r) => r.Type === 'AWS::EC2::VPCEndpoint' && /\.bedrock-agentcore$/.test(String(r.Properties.ServiceName))));
      expectOnly(findings, 'path/no-token-path', /no bedrock-agentcore interface endpoint/);
    });
  });

  describe('bring-your-own identity and non-OpenAI models', () => {
    const BYO_FILE = 'cdktf.out/stacks/stateline-azure-identity/cdk.tf.json';
    async function byoFindings(mutate: (identity: Json) => void): Promise<Finding[]> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateline-path-byo-'));
      tmpDirs.push(dir);
      fs.cpSync(scenarioDir('byo'), dir, { recursive: true });
      const file = path.join(dir, BYO_FILE);
      const t = JSON.parse(fs.readFileSync(file, 'utf8'));
      mutate(t);
      fs.writeFileSync(file, JSON.stringify(t));
      const { report } = await runCheck({ cwd: dir, ...outputDirInputs(dir) });
      return report.findings.filter((x) => x.rule.startsWith('path/'));
    }

    test('proven as synthesized: the literal principal named in the agent environment holds the roles', async () => {
      expect(await byoFindings(() => undefined)).toEqual([]);
    });

    test('a role assignment on another principal does not authorize the agent, whatever its description says', async () => {
      const findings = await byoFindings((t) => {
        for (const ra of Object.values<Json>(t.resource.azurerm_role_assignment)) if (/billing_agent/.test(ra.description)) ra.principal_id = '99999999-8888-7777-6666-555555555555';
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/no-role-assignment']);
      expect(findings[0].message).toMatch(/agent billing_agent -> .*principal 11111111-2222-3333-4444-555555555555/);
    });

    test('Azure AI Developer does not cover a Mistral deployment; Cognitive Services User does', async () => {
      const findings = await byoFindings((t) => {
        for (const ra of Object.values<Json>(t.resource.azurerm_role_assignment)) if (/ais-stateline-frc/.test(ra.description)) ra.role_definition_name = 'Azure AI Developer';
      });
      expect(findings.map((x) => x.rule)).toEqual(['path/no-role-assignment', 'path/no-role-assignment']);
      expect(findings.map((x) => x.message).join('\n')).toMatch(/mistral-large on ais-stateline-frc: .*holds only Azure AI Developer .* does not cover its non-OpenAI deployments/);
      expect(findings.map((x) => x.message).join('\n')).not.toMatch(/gpt-5-6-terra on ais-stateline-frc/);
    });
  });

  test('a deployment the agent is configured to call but that does not exist', async () => {
    const findings = await pathFindings((f) => {
      const d = tfResources(f[FRC], 'azurerm_cognitive_deployment');
      for (const k of Object.keys(d)) delete d[k];
    });
    expectOnly(findings, 'path/unknown-target', /gpt-5-6-terra on ais-stateline-frc: deployment gpt-5-6-terra does not exist/);
  });
});
