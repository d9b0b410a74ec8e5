/**
 * The VPC endpoints a VPC-mode AgentCore runtime needs in a VPC without internet access:
 * S3 and DynamoDB gateway endpoints, and interface endpoints (private DNS on) for image
 * pulls, logs, traces, metrics, STS, Secrets Manager, KMS and the AgentCore data plane.
 *
 * Deliberately absent: `bedrock-runtime`, `bedrock-mantle` and `sagemaker.runtime`. With no
 * endpoint and no NAT, nothing in the VPC can reach an AWS model endpoint even by mistake
 * (and the DNS firewall answers NXDOMAIN for their names).
 *
 * Every endpoint carries a data-perimeter policy (see `endpointPolicyStatements`): only this
 * account's (or organization's) principals, to this account's (organization's) resources, plus
 * each service's documented exceptions.
 *
 * @example
 * const endpoints = new AgentEndpoints(stack, 'Endpoints', { vpc, subnets, logsKey, perimeter: { imageRepositoryArns } });
 * endpoints.allowHttpsFrom(runtimeSecurityGroup);
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html#agentcore-vpc-endpoints
 * @see https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/vpc-interface-endpoints.html
 */
import { Construct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { endpointPolicyStatements, PerimeterProps } from './endpoint-policies';
import { ManagedPrefixList } from './managed-prefix-list';

/**
 * Interface endpoint services (`com.amazonaws.<region>.<name>`), with why the agent needs each.
 * Since 2026-05-05 a VPC-mode runtime has no service-managed path to these services.
 */
export const INTERFACE_ENDPOINT_SERVICES: Readonly<Record<string, string>> = {
  'ecr.api': 'image manifest and authorization token',
  'ecr.dkr': 'image pull (layers come from S3 through the gateway endpoint)',
  logs: 'application and usage logs',
  // Not for Azure tokens (no sts:GetWebIdentityToken): the agent asks AgentCore Identity for them
  // (GetResourceOauth2Token, through bedrock-agentcore), which calls Entra ID service-side
  // (lib/aws/azure-token-provider.ts).
  sts: 'regional STS for the AWS SDKs in the agent (GetCallerIdentity, credential calls)',
  secretsmanager: 'secrets the agent code reads itself; never the agents\' Entra client secrets (the endpoint policy refuses them: AgentCore Identity reads those service-side)',
  kms: 'client-side use of the state and data keys',
  'bedrock-agentcore': 'AgentCore data plane: Memory, Identity (workload tokens, the Azure OAuth2 tokens), runtime APIs',
  'bedrock-agentcore.gateway': 'AgentCore Gateway data plane: the MCP tool gateway',
  xray: 'traces (runtime tracing is on)',
  monitoring: 'CloudWatch metrics (the runtime publishes to the bedrock-agentcore namespace)',
};

/** Gateway endpoint services: free, routed by prefix list (no ENIs). */
export const GATEWAY_ENDPOINT_SERVICES = ['s3', 'dynamodb'] as const;

/** Model endpoints that must never get a VPC endpoint (the placement contract). */
export const FORBIDDEN_ENDPOINT_SERVICES = ['bedrock-runtime', 'bedrock-mantle', 'sagemaker.runtime', 'bedrock-agent-runtime'] as const;

/** Properties of {@link AgentEndpoints}. */
export interface AgentEndpointsProps {
  readonly vpc: ec2.IVpc;
  /**
   * The VPC CIDR, as a literal so the ingress rule is readable (and checkable) in the template.
   * @default vpc.vpcCidrBlock
   */
  readonly vpcCidr?: string;
  /** Subnets for the interface endpoints' ENIs and the gateway endpoints' route tables. */
  readonly subnets: ec2.SubnetSelection;
  /** Key of the prefix-list lookup function's log group. */
  readonly logsKey: kms.IKey;
  /**
   * Interface endpoint services to create.
   * @default Object.keys(INTERFACE_ENDPOINT_SERVICES)
   */
  readonly interfaceServices?: readonly string[];
  /** The data perimeter every endpoint policy enforces (trusted organization, agent image repositories). */
  readonly perimeter: Pick<PerimeterProps, 'organizationId' | 'imageRepositoryArns' | 'agentClientSecretPrefix'>;
}

export class AgentEndpoints extends Construct {
  /** Security group of every interface endpoint: HTTPS from the VPC CIDR only. */
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly interfaceEndpoints: Readonly<Record<string, ec2.InterfaceVpcEndpoint>>;
  public readonly gatewayEndpoints: Readonly<Record<string, ec2.GatewayVpcEndpoint>>;
  /** Managed prefix list ids of the gateway endpoint services (security group egress targets). */
  public readonly gatewayPrefixListIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AgentEndpointsProps) {
    super(scope, id);
    const services = props.interfaceServices ?? Object.keys(INTERFACE_ENDPOINT_SERVICES);
    const forbidden = services.filter((s) => (FORBIDDEN_ENDPOINT_SERVICES as readonly string[]).includes(s));
    if (forbidden.length > 0) {
      throw new Error(`AgentEndpoints: interfaceServices must not contain model endpoints (${forbidden.join(', ')}): stateless inference is served only from Azure`);
    }
    const { region, partition } = Stack.of(this);
    const perimeter: PerimeterProps = { ...props.perimeter, region, partition };

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'VPC interface endpoints: HTTPS from the agent VPC only',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpcCidr ?? props.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the agent VPC');

    const interfaceEndpoints: Record<string, ec2.InterfaceVpcEndpoint> = {};
    for (const name of services) {
      interfaceEndpoints[name] = new ec2.InterfaceVpcEndpoint(this, endpointId(name), {
        vpc: props.vpc,
        service: new ec2.InterfaceVpcEndpointService(`com.amazonaws.${region}.${name}`, 443),
        privateDnsEnabled: true,
        subnets: props.subnets,
        securityGroups: [this.securityGroup],
        open: false,
      });
      for (const st of endpointPolicyStatements(name, perimeter)) interfaceEndpoints[name].addToPolicy(st);
    }
    this.interfaceEndpoints = interfaceEndpoints;

    const gatewayEndpoints: Record<string, ec2.GatewayVpcEndpoint> = {};
    const prefixLists: Record<string, string> = {};
    for (const name of GATEWAY_ENDPOINT_SERVICES) {
      gatewayEndpoints[name] = new ec2.GatewayVpcEndpoint(this, endpointId(name), {
        vpc: props.vpc,
        service: { name: `com.amazonaws.${region}.${name}` },
        subnets: [props.subnets],
      });
      for (const st of endpointPolicyStatements(name, perimeter)) gatewayEndpoints[name].addToPolicy(st);
      prefixLists[name] = new ManagedPrefixList(this, `${endpointId(name)}PrefixList`, { service: name, logsKey: props.logsKey }).prefixListId;
    }
    this.gatewayEndpoints = gatewayEndpoints;
    this.gatewayPrefixListIds = prefixLists;
  }

  /** Lets `securityGroup` reach every endpoint over HTTPS (interface endpoints and gateway prefix lists). */
  public allowHttpsFrom(securityGroup: ec2.ISecurityGroup): void {
    securityGroup.addEgressRule(this.securityGroup, ec2.Port.tcp(443), 'HTTPS to the VPC interface endpoints');
    for (const [name, id] of Object.entries(this.gatewayPrefixListIds)) {
      securityGroup.addEgressRule(ec2.Peer.prefixList(id), ec2.Port.tcp(443), `HTTPS to ${name} via its gateway endpoint`);
    }
  }
}

/** Stable construct id from a service name: `ecr.api` -> `EcrApi`, `bedrock-agentcore.gateway` -> `BedrockAgentcoreGateway`. */
function endpointId(service: string): string {
  return service.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
