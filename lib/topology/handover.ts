/**
 * The cross-cloud hand-over contract: names of the outputs each phase produces and of the
 * inputs the next phase consumes. Both clouds' stacks and the deploy runner import these,
 * so a rename cannot silently break a deploy.
 *
 * Phase 1 (Azure hub, Terraform outputs) -> phase 2 (AWS, CloudFormation parameters)
 * Phase 2 (AWS, CloudFormation outputs)  -> phase 3 (Azure link, Terraform variables)
 */

/** Number of tunnels: two AWS VPN connections x two tunnels. */
export const TUNNEL_COUNT = 4;
const tunnels = [1, 2, 3, 4] as const;

export const HANDOVER = {
  /** Terraform outputs of the hub stack: the gateway's two public IPs (instance 0, instance 1). */
  hubGatewayIpOutputs: ['gateway_public_ip_1', 'gateway_public_ip_2'],
  /** Terraform output of the hub stack: the DNS Private Resolver inbound endpoint IP. */
  hubResolverIpOutput: 'resolver_inbound_ip',
  /** CloudFormation parameters of the AWS stack receiving the gateway public IPs (customer gateways). */
  awsGatewayIpParameters: ['AzureGatewayPublicIp1', 'AzureGatewayPublicIp2'],
  /** CloudFormation outputs of the AWS stack: each tunnel's AWS outside IP (tunnel plan order c1t1, c1t2, c2t1, c2t2). */
  awsTunnelOutsideIpOutputs: tunnels.map((n) => `Tunnel${n}OutsideIp`),
  /** CloudFormation outputs of the AWS stack: ARN of the Secrets Manager secret holding each tunnel's pre-shared key. */
  awsTunnelPskSecretOutputs: tunnels.map((n) => `Tunnel${n}PskSecretArn`),
  /** Terraform variables of the link stack: AWS tunnel outside IPs. */
  linkOutsideIpVariables: tunnels.map((n) => `aws_tunnel_${n}_outside_ip`),
  /** Sensitive Terraform variables of the link stack: pre-shared keys (passed only as TF_VAR_* environment). */
  linkPskVariables: tunnels.map((n) => `aws_tunnel_${n}_psk`),
} as const;

/**
 * Per-agent hand-over of the agent's Azure identity (phase 1 identity stack -> phase 2):
 * tenant and client id become CloudFormation parameters of the agent stack; the client
 * secret (created identities only) is a sensitive Terraform output that the deploy runner
 * copies into the Secrets Manager secret named by the AWS output, in memory, never to a file.
 */
export function agentHandover(agentName: string) {
  const key = agentKey(agentName);
  return {
    /** Terraform outputs of the identity stack. */
    tenantIdOutput: `agent_${agentName}_tenant_id`,
    clientIdOutput: `agent_${agentName}_client_id`,
    principalIdOutput: `agent_${agentName}_principal_id`,
    /** Sensitive; only for identities stateline creates. */
    clientSecretOutput: `agent_${agentName}_client_secret`,
    /** CloudFormation parameters of the agent stack. */
    tenantIdParameter: `Agent${key}AzureTenantId`,
    clientIdParameter: `Agent${key}AzureClientId`,
    /** CloudFormation output: ARN of the secret the runner writes the client secret into. */
    clientSecretArnOutput: `Agent${key}ClientSecretArn`,
  } as const;
}

/** `support_agent` -> `SupportAgent`: the agent's part of CloudFormation logical ids (unique per topology, validated). */
export function agentKey(agentName: string): string {
  return agentName.split('_').filter(Boolean).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
