/** path/no-token-path: an agent has no way to get an Entra ID token without internet access. */
import { pathRule } from './path-common';

export const noTokenPath = pathRule('token', {
  description: 'An agent runtime has no offline-reachable way to obtain a Microsoft Entra ID token for the Azure models.',
  rationale:
    'Azure AI endpoints run with local (key) auth disabled, so every call needs an Entra ID token, and login.microsoftonline.com has no private endpoint. ' +
    'From a VPC without internet the token must come from AgentCore Identity (an OAuth2 credential provider for Entra ID, reached through the ' +
    'bedrock-agentcore interface endpoint) that the runtime role may use.',
  fix:
    'Give the agent an AgentCore Identity OAuth2 credential provider for its Entra app (stateline creates one per agent), grant its execution role ' +
    'bedrock-agentcore:GetResourceOauth2Token on the provider and read on its client secret, and keep a bedrock-agentcore interface endpoint ' +
    'with private DNS that the runtime security group may reach on 443 and whose endpoint policy allows that call for the runtime role ' +
    '(the finding names the endpoint whose policy to change).',
});
