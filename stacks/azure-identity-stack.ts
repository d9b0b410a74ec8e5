/**
 * Azure identity stack (phase 1, after the serving stacks): one Entra identity per agent and
 * its inference role on each AI Services account the agent uses.
 *
 * Its outputs are the hand-over to phase 2 (AWS): each agent's tenant and client id become
 * CloudFormation parameters of the agent stack (the AgentCore Identity credential provider
 * fetches tokens for that client); the client secret of a created identity is a sensitive
 * output the deploy runner copies into AWS Secrets Manager in memory.
 *
 * The accounts are looked up by name (they are created by the serving stacks, deployed
 * first); creating app registrations needs the deployer to hold Entra ID's Application
 * Developer role (or Application.ReadWrite.OwnedBy) — organizations that forbid it give each
 * agent an existing identity (`aws.agents[].azureIdentity`) and this stack only assigns roles.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { DataAzureadClientConfig } from '@cdktf/provider-azuread/lib/data-azuread-client-config';
import { DataAzurermCognitiveAccount } from '@cdktf/provider-azurerm/lib/data-azurerm-cognitive-account';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { AgentIdentity } from '../lib/azure/agent-identity';
import { configureAzureStack } from '../lib/azure/stack-base';
import type { Derived, ServingPlan } from '../lib/topology/derive';

/** Properties of {@link AzureIdentityStack}. */
export interface AzureIdentityStackProps {
  readonly derived: Derived;
}

export class AzureIdentityStack extends TerraformStack {
  /** Agent name -> identity. */
  public readonly identities: Readonly<Record<string, AgentIdentity>>;

  constructor(scope: Construct, id: string, props: AzureIdentityStackProps) {
    super(scope, id);
    const { derived } = props;
    configureAzureStack(this, derived, id);
    const creates = derived.aws.agents.some((a) => a.identity.mode === 'created');
    const client = creates ? this.configureEntra(derived) : undefined;

    const accounts = new Map<string, string>();
    const accountId = (plan: ServingPlan): string => {
      let found = accounts.get(plan.key);
      if (!found) {
        found = new DataAzurermCognitiveAccount(this, `Account-${plan.key}`, { name: plan.accountName, resourceGroupName: plan.resourceGroupName }).id;
        accounts.set(plan.key, found);
      }
      return found;
    };

    const identities: Record<string, AgentIdentity> = {};
    for (const agent of derived.aws.agents) {
      const identity = new AgentIdentity(this, agent.spec.name, {
        agentName: agent.spec.name,
        displayName: agent.identity.appDisplayName,
        credentials: derived.identity.credentials,
        existing: agent.identity.byo,
        ownerObjectId: client?.objectId,
        tenantId: client?.tenantId ?? '',
      });
      for (const plan of agent.serving.filter((p) => p.hasAccount)) {
        identity.grantInference(plan.key, accountId(plan), plan.inferenceRole, plan.accountName);
      }
      this.defineOutputs(agent.identity.handover, identity, agent.spec.name);
      identities[agent.spec.name] = identity;
    }
    this.identities = identities;
  }

  /** azuread (app registrations) and time (secret rotation) providers, and the deployer's tenant. */
  private configureEntra(derived: Derived): DataAzureadClientConfig {
    new AzureadProvider(this, 'azuread', { tenantId: derived.topology.azure.tenantId });
    new TimeProvider(this, 'time', {});
    return new DataAzureadClientConfig(this, 'Deployer', {});
  }

  private defineOutputs(names: Derived['aws']['agents'][number]['identity']['handover'], identity: AgentIdentity, agent: string): void {
    new TerraformOutput(this, names.tenantIdOutput, { value: identity.tenantId, description: `Entra tenant of agent ${agent} (AWS parameter ${names.tenantIdParameter})` });
    new TerraformOutput(this, names.clientIdOutput, { value: identity.clientId, description: `Application (client) id of agent ${agent} (AWS parameter ${names.clientIdParameter})` });
    new TerraformOutput(this, names.principalIdOutput, { value: identity.principalId, description: `Service principal object id of agent ${agent} (holds its inference roles)` });
    if (identity.clientSecret && identity.clientSecretKeyId) {
      new TerraformOutput(this, names.clientSecretKeyIdOutput, { value: identity.clientSecretKeyId, description: `Key id of agent ${agent}'s current client secret (not secret: makes the hand-over idempotent)` });
      new TerraformOutput(this, names.clientSecretOutput, {
        value: identity.clientSecret,
        sensitive: true,
        description: `Client secret of agent ${agent}: copied by stateline deploy into the AWS secret ${names.clientSecretArnOutput} (in memory; Terraform state holds it, as it holds every credential it creates)`,
      });
    }
  }
}
