/**
 * network/serving-subnet-without-nsg, network/nsg-allows-any-inbound,
 * network/private-endpoint-policies-disabled and perimeter/vpc-endpoint-without-policy on raw
 * Terraform (JSON and HCL) and CloudFormation (JSON and YAML) inputs, compliant and not.
 */
import { byRule, cfn, checkOne, flagged, tf } from '../helpers';

const NO_NSG = 'network/serving-subnet-without-nsg';
const ANY_IN = 'network/nsg-allows-any-inbound';
const PE_POLICIES = 'network/private-endpoint-policies-disabled';
const PERIMETER = 'perimeter/vpc-endpoint-without-policy';

/** An inline rule with every attribute, as Terraform JSON requires. */
const rule = (o: Record<string, unknown>) => ({
  description: null, source_port_range: '*', source_port_ranges: null, source_address_prefix: null, source_address_prefixes: null,
  source_application_security_group_ids: null, destination_address_prefix: null, destination_address_prefixes: null,
  destination_application_security_group_ids: null, destination_port_range: null, destination_port_ranges: null, direction: 'Inbound', ...o,
});
const denyAll = rule({ name: 'deny-all', priority: 4096, access: 'Deny', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' });
const agentsHttps = rule({ name: 'agents', priority: 100, access: 'Allow', protocol: 'Tcp', source_address_prefixes: ['10.20.0.0/18', '10.20.64.0/18'], destination_address_prefix: '10.1.0.0/27', destination_port_range: '443' });
const subnet = (name: string, prefix: string, extra: object = {}) => ({ name, resource_group_name: 'rg', virtual_network_name: 'vnet', address_prefixes: [prefix], ...extra });
const nsg = (rules: object[]) => ({ name: 'nsg', location: 'westeurope', resource_group_name: 'rg', security_rule: rules });
const pe = (subnetRef: string) => ({ name: 'pe-ai', subnet_id: subnetRef, private_service_connection: [{ name: 'c', private_connection_resource_id: '/subscriptions/x', subresource_names: ['account'], is_manual_connection: false }] });

describe('network/serving-subnet-without-nsg and network/nsg-allows-any-inbound (Terraform JSON)', () => {
  let report: Awaited<ReturnType<typeof checkOne>>;
  beforeAll(async () => {
    report = await checkOne('tf-json', tf({
      azurerm_subnet: {
        pe_open: subnet('snet-pe-open', '10.1.0.0/27', { private_endpoint_network_policies: 'Enabled' }),
        pe_good: subnet('snet-pe-good', '10.1.0.32/27', { private_endpoint_network_policies: 'Enabled' }),
        pe_any: subnet('snet-pe-any', '10.1.0.64/27', { private_endpoint_network_policies: 'Enabled' }),
        pe_nodeny: subnet('snet-pe-nodeny', '10.1.0.96/27', { private_endpoint_network_policies: 'Enabled' }),
        nodes: subnet('snet-aks', '10.1.1.0/24'),
        ilb: subnet('snet-ilb', '10.1.2.0/27'),
        pls: subnet('snet-pls', '10.1.2.32/28'),
        aks_lb: subnet('snet-aks-lb', '10.1.2.64/27'),
        dns: subnet('snet-dns', '10.1.2.96/28'),
        unused: subnet('snet-unused', '10.1.3.0/24'),
        GatewaySubnet: subnet('GatewaySubnet', '10.1.4.0/27'),
        standalone: subnet('snet-standalone', '10.1.5.0/27', { private_endpoint_network_policies: 'Enabled' }),
      },
      azurerm_private_endpoint: {
        open: pe('${azurerm_subnet.pe_open.id}'), good: pe('${azurerm_subnet.pe_good.id}'), any: pe('${azurerm_subnet.pe_any.id}'),
        nodeny: pe('${azurerm_subnet.pe_nodeny.id}'), standalone: pe('${azurerm_subnet.standalone.id}'),
      },
      azurerm_network_security_group: {
        good: nsg([agentsHttps, denyAll]),
        any: nsg([rule({ name: 'allow-any-https', priority: 100, access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '443' }), denyAll]),
        nodeny: nsg([agentsHttps]),
        standalone: { name: 'nsg-standalone', location: 'westeurope', resource_group_name: 'rg' },
      },
      azurerm_network_security_rule: {
        internet: { name: 'internet', resource_group_name: 'rg', network_security_group_name: '${azurerm_network_security_group.standalone.name}', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*', destination_port_range: '443' },
        deny: { name: 'deny', resource_group_name: 'rg', network_security_group_name: '${azurerm_network_security_group.standalone.name}', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '*' },
      },
      azurerm_subnet_network_security_group_association: {
        good: { subnet_id: '${azurerm_subnet.pe_good.id}', network_security_group_id: '${azurerm_network_security_group.good.id}' },
        any: { subnet_id: '${azurerm_subnet.pe_any.id}', network_security_group_id: '${azurerm_network_security_group.any.id}' },
        nodeny: { subnet_id: '${azurerm_subnet.pe_nodeny.id}', network_security_group_id: '${azurerm_network_security_group.nodeny.id}' },
        standalone: { subnet_id: '${azurerm_subnet.standalone.id}', network_security_group_id: '${azurerm_network_security_group.standalone.id}' },
      },
      azurerm_user_assigned_identity: { aks: { name: 'id-aks', location: 'westeurope', resource_group_name: 'rg' } },
      azurerm_kubernetes_cluster: {
        aks: { name: 'aks', default_node_pool: { name: 'system', vnet_subnet_id: '${azurerm_subnet.nodes.id}' }, identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.aks.id}'] } },
      },
      azurerm_role_assignment: {
        lb: { scope: '${azurerm_subnet.aks_lb.id}', role_definition_name: 'Network Contributor', principal_id: '${azurerm_user_assigned_identity.aks.principal_id}' },
        reader: { scope: '${azurerm_subnet.unused.id}', role_definition_name: 'Reader', principal_id: '${azurerm_user_assigned_identity.aks.principal_id}' },
      },
      azurerm_lb: { ilb: { name: 'ilb', frontend_ip_configuration: [{ name: 'fe', subnet_id: '${azurerm_subnet.ilb.id}' }] } },
      azurerm_private_link_service: { pls: { name: 'pls', nat_ip_configuration: [{ name: 'nat', subnet_id: '${azurerm_subnet.pls.id}', primary: true }] } },
      azurerm_private_dns_resolver_inbound_endpoint: { in: { name: 'in', ip_configurations: [{ subnet_id: '${azurerm_subnet.dns.id}' }] } },
      azurerm_virtual_network_gateway: { vpn: { name: 'vpn', type: 'Vpn', ip_configuration: [{ name: 'a', subnet_id: '${azurerm_subnet.GatewaySubnet.id}' }] } },
    }));
  });

  it('flags every serving subnet without an NSG (endpoints, AKS nodes and its load balancer subnet, ILB, PLS, resolver), nothing else', () => {
    expect(flagged(report, NO_NSG).sort()).toEqual([
      'azurerm_subnet.aks_lb', 'azurerm_subnet.dns', 'azurerm_subnet.ilb', 'azurerm_subnet.nodes', 'azurerm_subnet.pe_open', 'azurerm_subnet.pls',
    ]);
    const msg = (id: string) => byRule(report, NO_NSG).find((f) => f.resource === id)!.message;
    expect(msg('azurerm_subnet.pe_open')).toMatch(/^subnet snet-pe-open holds private endpoint pe-ai but has no network security group: every network that routes to it/);
    expect(msg('azurerm_subnet.nodes')).toMatch(/AKS nodes of aks/);
    expect(msg('azurerm_subnet.aks_lb')).toMatch(/load balancers and Private Link Services of AKS cluster aks/);
    expect(msg('azurerm_subnet.dns')).toMatch(/DNS resolver inbound endpoint in/);
  });

  it('flags NSGs that allow any source (inline or standalone rules) or never deny the rest; passes deny-by-default', () => {
    expect(flagged(report, ANY_IN).sort()).toEqual(['azurerm_subnet.pe_any', 'azurerm_subnet.pe_nodeny', 'azurerm_subnet.standalone']);
    const msg = (id: string) => byRule(report, ANY_IN).find((f) => f.resource === id)!.message;
    expect(msg('azurerm_subnet.pe_any')).toMatch(/rule allow-any-https \(priority 100\) allows inbound from any source \(\*\) on 443/);
    expect(msg('azurerm_subnet.pe_nodeny')).toMatch(/no inbound rule denies the rest: Azure's default AllowVnetInBound \(priority 65000\)/);
    expect(msg('azurerm_subnet.standalone')).toMatch(/rule internet \(priority 100\) allows inbound from any source \(Internet\)/);
  });
});

describe('network/private-endpoint-policies-disabled', () => {
  it('flags subnets with endpoints and policies off (default, Disabled, RouteTableEnabled, 3.x false); passes Enabled, NetworkSecurityGroupEnabled, 3.x true, variables', async () => {
    const subnets: Record<string, object> = {
      absent: {}, disabled: { private_endpoint_network_policies: 'Disabled' }, routes: { private_endpoint_network_policies: 'RouteTableEnabled' },
      legacy_off: { private_endpoint_network_policies_enabled: false }, enabled: { private_endpoint_network_policies: 'Enabled' },
      nsg_only: { private_endpoint_network_policies: 'NetworkSecurityGroupEnabled' }, legacy_on: { private_endpoint_network_policies_enabled: true },
      variable: { private_endpoint_network_policies: '${var.policies}' },
    };
    const report = await checkOne('tf-json', tf({
      azurerm_subnet: { ...Object.fromEntries(Object.entries(subnets).map(([k, v], i) => [k, subnet(`snet-${k}`, `10.2.${i}.0/27`, v)])), no_endpoints: subnet('snet-empty', '10.2.99.0/27') },
      azurerm_private_endpoint: Object.fromEntries(Object.keys(subnets).map((k) => [k, pe(`\${azurerm_subnet.${k}.id}`)])),
    }));
    expect(flagged(report, PE_POLICIES).sort()).toEqual(['azurerm_subnet.absent', 'azurerm_subnet.disabled', 'azurerm_subnet.legacy_off', 'azurerm_subnet.routes']);
    expect(byRule(report, PE_POLICIES).find((f) => f.resource === 'azurerm_subnet.absent')!.message).toBe('subnet snet-absent holds private endpoint pe-ai with private_endpoint_network_policies not set (azurerm 4.x defaults to Disabled): network security groups do not apply to them');
  });

  it('reads HCL too, and follows an endpoint to its subnet in another resource block', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_subnet" "pe" {
        name                 = "snet-pe"
        resource_group_name  = "rg"
        virtual_network_name = "vnet"
        address_prefixes     = ["10.3.0.0/27"]
      }
      resource "azurerm_private_endpoint" "ai" {
        name      = "pe-ai"
        subnet_id = azurerm_subnet.pe.id
        private_service_connection {
          name                           = "c"
          private_connection_resource_id = "/subscriptions/x"
          subresource_names              = ["account"]
          is_manual_connection           = false
        }
      }
    `);
    expect(flagged(report, PE_POLICIES)).toEqual(['azurerm_subnet.pe']);
    expect(flagged(report, NO_NSG)).toEqual(['azurerm_subnet.pe']);
  });

  it('reads NSG blocks written in HCL (an AKS node subnet whose NSG allows the Internet)', async () => {
    const report = await checkOne('tf-hcl', `
      resource "azurerm_subnet" "nodes" {
        name                 = "snet-aks"
        resource_group_name  = "rg"
        virtual_network_name = "vnet"
        address_prefixes     = ["10.4.0.0/24"]
      }
      resource "azurerm_kubernetes_cluster" "aks" {
        name = "aks"
        default_node_pool {
          name           = "system"
          vnet_subnet_id = azurerm_subnet.nodes.id
        }
      }
      resource "azurerm_network_security_group" "nodes" {
        name                = "nsg-aks"
        location            = "westeurope"
        resource_group_name = "rg"
        security_rule {
          name                       = "web"
          priority                   = 100
          direction                  = "Inbound"
          access                     = "Allow"
          protocol                   = "Tcp"
          source_port_range          = "*"
          destination_port_range     = "443"
          source_address_prefix      = "Internet"
          destination_address_prefix = "*"
        }
        security_rule {
          name                       = "deny-all"
          priority                   = 4096
          direction                  = "Inbound"
          access                     = "Deny"
          protocol                   = "*"
          source_port_range          = "*"
          destination_port_range     = "*"
          source_address_prefix      = "*"
          destination_address_prefix = "*"
        }
      }
      resource "azurerm_subnet_network_security_group_association" "nodes" {
        subnet_id                 = azurerm_subnet.nodes.id
        network_security_group_id = azurerm_network_security_group.nodes.id
      }
    `);
    expect(flagged(report, NO_NSG)).toEqual([]);
    expect(byRule(report, ANY_IN).map((f) => [f.resource, f.message])).toEqual([['azurerm_subnet.nodes', 'network security group nsg-aks on subnet snet-aks: rule web (priority 100) allows inbound from any source (Internet) on 443']]);
  });
});

describe('perimeter/vpc-endpoint-without-policy', () => {
  const ACCOUNT = { Ref: 'AWS::AccountId' };
  const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  const endpoint = (service: string, policy?: unknown, vpc = 'Vpc') => ({
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: { VpcId: { Ref: vpc }, ServiceName: `com.amazonaws.eu-central-1.${service}`, ...(policy === undefined ? {} : { PolicyDocument: policy }) },
  });
  const network = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.20.0.0/16' } },
    Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.20.0.0/18' } },
    Runtime: { Type: 'AWS::BedrockAgentCore::Runtime', Properties: { AgentRuntimeName: 'agent', NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: [{ Ref: 'Subnet' }], SecurityGroups: ['sg-1'] } } } },
    OtherVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.30.0.0/16' } },
  };

  it('flags endpoints of an agent VPC without a policy or with an open statement; passes perimeter shapes (CloudFormation JSON)', async () => {
    const report = await checkOne('cfn-json', cfn({
      ...network,
      NoPolicy: endpoint('s3'),
      FullAccess: endpoint('dynamodb', doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })),
      WildcardBucket: endpoint('s3', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'] })),
      IfExists: endpoint('kms', doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } } })),
      Perimeter: endpoint('secretsmanager', doc(
        { Sid: 'Trusted', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } } },
        { Sid: 'Services', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } },
      )),
      Layers: endpoint('s3', doc(
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-eu-central-1-starport-layer-bucket/*' },
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      )),
      DenyBased: endpoint('sts', doc(
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } } },
      )),
      Elsewhere: endpoint('s3', undefined, 'OtherVpc'),
    }));
    expect(flagged(report, PERIMETER).sort()).toEqual(['FullAccess', 'IfExists', 'NoPolicy', 'WildcardBucket']);
    const msg = (id: string) => byRule(report, PERIMETER).find((f) => f.resource === id)!.message;
    expect(msg('NoPolicy')).toBe('s3 endpoint in the VPC of agent runtime agent has no endpoint policy: AWS\'s default allows any principal any action on any resource through it');
    expect(msg('FullAccess')).toMatch(/statement #1 allows \* to any principal \(Principal \*, no aws:PrincipalAccount\/aws:PrincipalOrgID condition\) on any resource/);
  });

  it('reads JSON-string policies in YAML templates', async () => {
    const report = await checkOne('cfn-yaml', `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.20.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.20.0.0/18 } }
  Runtime:
    Type: AWS::BedrockAgentCore::Runtime
    Properties:
      AgentRuntimeName: agent
      NetworkConfiguration: { NetworkMode: VPC, NetworkModeConfig: { Subnets: [!Ref Subnet], SecurityGroups: [sg-1] } }
  Open:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.eu-central-1.logs, PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:*","Resource":"*"}]}' }
  Closed:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.eu-central-1.logs, PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}' }
`);
    expect(flagged(report, PERIMETER)).toEqual(['Open']);
  });

  it('reads Terraform: inline policy, a separate aws_vpc_endpoint_policy, and aws_iam_policy_document statements', async () => {
    const open = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    const scoped = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:ResourceAccount': '111122223333' } } }] });
    const report = await checkOne('tf-json', tf({
      aws_vpc: { agents: { cidr_block: '10.20.0.0/16' } },
      aws_subnet: { a: { vpc_id: '${aws_vpc.agents.id}', cidr_block: '10.20.0.0/18' } },
      aws_bedrockagentcore_agent_runtime: { agent: { agent_runtime_name: 'agent', network_configuration: [{ network_mode: 'VPC', network_mode_config: [{ subnets: ['${aws_subnet.a.id}'], security_groups: ['sg-1'] }] }] } },
      aws_vpc_endpoint: {
        none: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.s3', vpc_endpoint_type: 'Gateway' },
        open: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.dynamodb', vpc_endpoint_type: 'Gateway', policy: open },
        scoped: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.kms', vpc_endpoint_type: 'Interface', policy: scoped },
        attached: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.logs', vpc_endpoint_type: 'Interface' },
        document: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.sts', vpc_endpoint_type: 'Interface', policy: '${data.aws_iam_policy_document.sts.json}' },
        document_open: { vpc_id: '${aws_vpc.agents.id}', service_name: 'com.amazonaws.eu-central-1.xray', vpc_endpoint_type: 'Interface', policy: '${data.aws_iam_policy_document.open.json}' },
      },
      aws_vpc_endpoint_policy: { logs: { vpc_endpoint_id: '${aws_vpc_endpoint.attached.id}', policy: scoped } },
    }, {
      aws_iam_policy_document: { open: { statement: [{ actions: ['*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] }, sts: { statement: [{ effect: 'Allow', actions: ['sts:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: ['111122223333'] }] }] } },
    }));
    expect(flagged(report, PERIMETER).sort()).toEqual(['aws_vpc_endpoint.document_open', 'aws_vpc_endpoint.none', 'aws_vpc_endpoint.open']);
  });
});
