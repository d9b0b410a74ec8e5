/**
 * `stateline`: the placement policy (the same API as `stateline/policy`). The constructs,
 * the topology model and the jest matchers are in `stateline/aws`, `stateline/azure`,
 * `stateline/topology` and `stateline/jest`.
 */
export * from './policy';
