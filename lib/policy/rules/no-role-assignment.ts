/** path/no-role-assignment: the agent's Entra identity may not call the model. */
import { pathRule } from './path-common';

export const noRoleAssignment = pathRule('authorization', {
  description: 'The agent\'s Entra ID identity holds no data-plane inference role on the AI Services account it calls.',
  rationale: 'With key auth disabled, Azure authorizes every inference call by role: without Cognitive Services OpenAI User (or Cognitive Services User for non-OpenAI models) on the account, each call returns 401/403.',
  fix: 'Assign the agent\'s service principal the inference role on exactly the accounts it uses (stateline does this in the identity stack); never Contributor (control plane, no inference).',
});
