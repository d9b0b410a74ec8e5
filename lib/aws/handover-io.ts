/**
 * The AWS stack's side of the cross-cloud hand-over contract (lib/topology/handover.ts):
 * CloudFormation parameters that receive phase 1's Azure values, and outputs that phase 3
 * reads. Logical ids are the contract names exactly, so they are created at stack level.
 */
import { CfnOutput, CfnParameter, Stack } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { AgentPlan } from '../topology/derive';
import { HANDOVER } from '../topology/handover';

/** A GUID (Entra tenant and client ids). */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The agent's Entra tenant and client id: CloudFormation parameters filled from the identity
 * stack's outputs (phase 1) for every agent, created or bring-your-own, so both kinds flow
 * through the same hand-over.
 */
export function agentIdentityParameters(stack: Stack, agent: AgentPlan): { tenantId: string; clientId: string } {
  const h = agent.identity.handover;
  const param = (name: string, output: string, what: string) => new CfnParameter(stack, name, {
    type: 'String',
    allowedPattern: GUID_PATTERN,
    constraintDescription: 'must be a GUID',
    description: `${what} of agent ${agent.spec.name} (identity stack output ${output})`,
  }).valueAsString;
  return {
    tenantId: param(h.tenantIdParameter, h.tenantIdOutput, 'Entra tenant id'),
    clientId: param(h.clientIdParameter, h.clientIdOutput, 'Application (client) id'),
  };
}

/** The secret `stateline deploy` writes the agent's client secret into (created identities). */
export function agentSecretOutput(stack: Stack, agent: AgentPlan, secret: secretsmanager.ISecret): void {
  const h = agent.identity.handover;
  new CfnOutput(stack, h.clientSecretArnOutput, {
    value: secret.secretArn,
    description: `Secret receiving the Entra client secret of agent ${agent.spec.name} (identity stack output ${h.clientSecretOutput}, copied by stateline deploy)`,
  });
}

/** A dotted-quad IPv4 address, each octet 0-255. */
export const IPV4_ADDRESS_PATTERN = '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$';

/** The Azure VPN gateway's two public IPs (instance 0, instance 1): `AzureGatewayPublicIp1`, `...2`. */
export function azureGatewayIpParameters(stack: Stack): CfnParameter[] {
  return HANDOVER.awsGatewayIpParameters.map((name, i) => new CfnParameter(stack, name, {
    type: 'String',
    allowedPattern: IPV4_ADDRESS_PATTERN,
    constraintDescription: 'must be an IPv4 address such as 20.91.10.4',
    description: `Public IP of Azure VPN gateway instance ${i} (hub output ${HANDOVER.hubGatewayIpOutputs[i]})`,
  }));
}

/**
 * Tunnel outside IPs and PSK secret ARNs, in tunnel plan order: `Tunnel<n>OutsideIp`, `Tunnel<n>PskSecretArn`
 * (the Site-to-Site VPN-managed secret of the tunnel's connection; its keys are read at deploy time only).
 */
export function tunnelOutputs(stack: Stack, outsideIps: readonly string[], pskSecretArns: readonly string[]): void {
  HANDOVER.awsTunnelOutsideIpOutputs.forEach((name, i) => {
    new CfnOutput(stack, name, { value: outsideIps[i], description: `AWS outside IP of tunnel ${i + 1} (Azure variable ${HANDOVER.linkOutsideIpVariables[i]})` });
  });
  HANDOVER.awsTunnelPskSecretOutputs.forEach((name, i) => {
    new CfnOutput(stack, name, { value: pskSecretArns[i], description: `Secret holding the pre-shared key of tunnel ${i + 1}, keyed by its outside IP (Azure variable ${HANDOVER.linkPskVariables[i]}, passed as TF_VAR only)` });
  });
}
