import type { TopologyInput } from './schema';

/**
 * Typed helper for `stateline.config.ts`: gives editor completion; validation still
 * runs when stateline loads the file.
 * @example
 * export default defineTopology({ name: 'acme', azure: {...}, aws: {...} });
 */
export function defineTopology(topology: TopologyInput): TopologyInput {
  return topology;
}
