/** Public surface of the health model: a probe in, a NodeStatus with problems out. */
export { evaluateHealth, referenceHeightOf, type HealthContext } from './evaluate-health';
export { loadHealthRules, healthRulesSchema, HealthRulesError, PROBLEM_CODES, type HealthRules, type ProblemCode } from './health-rules';
export { mergeProblems } from './merge-problems';
export { compareVersions, isBelow } from './semver';
