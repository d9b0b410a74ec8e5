/** path/unknown-target: an agent is configured to call a model that the Azure outputs do not serve. */
import { pathRule } from './path-common';

export const unknownTarget = pathRule('target', {
  description: 'An agent is configured to call a model deployment, AI Services account or model server that does not exist in the Azure outputs.',
  rationale: 'The agent would fail every call to that model: a catalog entry pointing at nothing is a broken path before any network hop.',
  fix: 'Serve the model in the topology (azure.serving[].models / clusters), or remove it from the agent\'s serving stamps (aws.agents[].serving); synthesize both clouds from the same topology.',
});
