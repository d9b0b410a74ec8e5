/**
 * AWS agent stack (phase 2), one per AWS region: composes the lib/aws constructs into the
 * stateful agent layer (AgentCore runtimes, memory, tool gateway, state stores) in a
 * private VPC, and the AWS half of the cross-cloud link (VPN and DNS). No resource logic here.
 */
import { Construct } from 'constructs';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { AgentEndpoints } from '../lib/aws/vpc-endpoints';
import { imageRepositoryArn } from '../lib/aws/endpoint-policies';
import { AgentMemory } from '../lib/aws/agent-memory';
import { AgentNetwork } from '../lib/aws/agent-network';
import { AgentRuntime } from '../lib/aws/agent-runtime';
import { DnsForwarding } from '../lib/aws/dns-forwarding';
import { ModelEndpointDnsFirewall } from '../lib/aws/dns-firewall';
import { AzureTokenProvider } from '../lib/aws/azure-token-provider';
import { agentIdentityParameters, agentSecretOutput, azureGatewayIpParameters, tunnelOutputs } from '../lib/aws/handover-io';
import { ModelInvocationBoundary } from '../lib/aws/permissions-boundary';
import { PlatformKeys } from '../lib/aws/platform-keys';
import { StateStore } from '../lib/aws/state-store';
import { ToolCredentialProviders } from '../lib/aws/tool-credentials';
import { ToolGateway } from '../lib/aws/tool-gateway';
import { TunnelOutsideIps } from '../lib/aws/tunnel-outside-ips';
import { VpnLink } from '../lib/aws/vpn-link';
import type { Derived } from '../lib/topology/derive';
import { AWS_REGIONS } from '../lib/topology/regions';

/** Properties of {@link AwsAgentsStack}. */
export interface AwsAgentsStackProps extends StackProps {
  readonly derived: Derived;
}

export class AwsAgentsStack extends Stack {
  public readonly network: AgentNetwork;
  public readonly endpoints: AgentEndpoints;
  public readonly state: StateStore;
  public readonly agents: ReadonlyArray<{ readonly memory: AgentMemory; readonly runtime: AgentRuntime; readonly tokens: AzureTokenProvider; readonly tools?: ToolGateway }>;
  public readonly link: VpnLink;
  public readonly dns: DnsForwarding;

  constructor(scope: Construct, id: string, props: AwsAgentsStackProps) {
    super(scope, id, props);
    const { derived } = props;
    const t = derived.topology;
    const keys = new PlatformKeys(this, 'Keys', { aliasPrefix: t.name });

    this.network = new AgentNetwork(this, 'Network', { cidr: t.aws.vpc.cidr, azIds: derived.aws.azIds, logsKey: keys.logs });
    const { vpc, privateSubnets } = this.network;
    const imageRepositoryArns = derived.aws.agents.map((a) => imageRepositoryArn(a.spec.image, this.partition)).filter((x): x is string => x !== undefined);
    this.endpoints = new AgentEndpoints(this, 'Endpoints', {
      vpc, vpcCidr: t.aws.vpc.cidr, subnets: privateSubnets, logsKey: keys.logs,
      perimeter: { organizationId: derived.aws.organizationId, imageRepositoryArns, agentClientSecretPrefix: `${t.name}/agents/` },
    });

    const boundary = new ModelInvocationBoundary(this, 'AgentBoundary');
    this.state = new StateStore(this, 'State', { encryptionKey: keys.data });
    // Tools: credential providers once per tool, one gateway per agent with exactly its tools.
    const toolsScope = new Construct(this, 'Tools');
    const credentials = new ToolCredentialProviders(toolsScope, 'Credentials', { tools: derived.aws.tools });
    const agentsScope = new Construct(this, 'Agents');
    this.agents = derived.aws.agents.map((agent) => {
      const scopeOfAgent = new Construct(agentsScope, agent.spec.name);
      const memory = new AgentMemory(scopeOfAgent, 'Memory', {
        memoryName: agent.memoryName,
        eventExpiryDays: agent.spec.memory.eventExpiryDays,
        longTerm: agent.spec.memory.longTerm,
        encryptionKey: keys.data,
        accessLogsBucket: this.state.accessLogsBucket,
      });
      const identity = agentIdentityParameters(this, agent);
      const tokens = new AzureTokenProvider(scopeOfAgent, 'AzureTokens', { agent, tenantId: identity.tenantId, clientId: identity.clientId, secretsKey: keys.secrets });
      if (tokens.ownsSecret) agentSecretOutput(this, agent, tokens.clientSecret);
      const tools = agent.toolGatewayName
        ? new ToolGateway(toolsScope, agent.spec.name, {
          gatewayName: agent.toolGatewayName, encryptionKey: keys.data, tools: agent.tools, credentials,
          description: `stateline MCP tool gateway of agent ${agent.spec.name}`,
        })
        : undefined;
      const runtime = new AgentRuntime(scopeOfAgent, 'Runtime', {
        agent, vpc, subnets: privateSubnets, endpoints: this.endpoints, dnsResolverIp: this.network.dnsResolverIp,
        serving: agent.serving, memory, state: this.state, tools, logsKey: keys.logs,
        tokens, azureTenantId: identity.tenantId, azureClientId: identity.clientId,
      });
      return { memory, runtime, tokens, tools };
    });
    boundary.applyTo(agentsScope);

    const gatewayIps = azureGatewayIpParameters(this);
    this.link = new VpnLink(this, 'Link', {
      vpc, subnets: privateSubnets, privateRouteTableIds: this.network.privateRouteTableIds, link: derived.link,
      azureGatewayIps: gatewayIps.map((p) => p.valueAsString),
      azureAddressSpaces: [derived.hub.addressSpace, ...derived.serving.map((s) => s.addressSpace)],
      logsKey: keys.logs,
    });
    const outsideIps = new TunnelOutsideIps(this, 'TunnelOutsideIps', { connections: this.link.connections, tunnels: derived.link.tunnels, logsKey: keys.logs });
    tunnelOutputs(this, outsideIps.outsideIps, outsideIps.pskSecretArns);

    this.dns = new DnsForwarding(this, 'DnsForwarding', {
      vpc, subnets: privateSubnets, zones: derived.dns.forwardedZones, targetIp: derived.dns.resolverInboundIp, namePrefix: t.name,
    });
    if (t.link.dnsFirewall) new ModelEndpointDnsFirewall(this, 'DnsFirewall', { vpc, regions: AWS_REGIONS, namePrefix: t.name });

    new CfnOutput(this, 'VpcId', { value: vpc.vpcId, description: 'Agent VPC id' });
  }
}
