import { z } from 'zod';
import rulesJson from '../../../resources/health/rules.json';
import { Severity } from '../../../src-shared/contract/fleet.contract';

/** Every problem code the evaluator can raise; rules.json must describe each one. */
export const PROBLEM_CODES = [
  'UNREACHABLE',
  'ROUTE_UNREACHABLE',
  'BAD_RESPONSE',
  'API_ERROR',
  'NODE_EXPIRED',
  'NODE_STATUS_UNREADABLE',
  'NODE_DOS',
  'NODE_STARTED',
  'CONFIRMATION_OVERDUE',
  'BENCHMARK_FAILED',
  'BENCHMARK_RUNNING',
  'BENCHMARK_BELOW_TIER',
  'BENCH_DISCONNECTED',
  'DAEMON_BEHIND',
  'FLUXOS_OUTDATED',
  'BENCH_OUTDATED',
  'SYNCTHING_OUTDATED',
  'DOCKER_OUTDATED',
  'FLUXOS_BEHIND_LATEST',
  'DISK_LOW',
  'SERVICE_DOWN',
  'SSH_UNREACHABLE',
  'SSH_UNAVAILABLE',
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_UNKNOWN',
  'RANK_UNAVAILABLE',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const rule = z.object({ severity: Severity, description: z.string().min(1).max(2000) }).strict();

const problemsSchema = z.object(
  Object.fromEntries(PROBLEM_CODES.map((code) => [code, rule])) as Record<ProblemCode, typeof rule>,
);

/** Schema of `resources/health/rules.json` (schemaVersion 1); minimum versions live in minimum-versions.json. */
export const healthRulesSchema = z
  .object({
    schemaVersion: z.literal(1),
    thresholds: z
      .object({
        daemonBehindBlocks: z.number().int().min(1).max(100_000),
        /**
         * CONFIRMATION_OVERDUE fires when the node is this close to expiry (fluxd expires it 640
         * blocks after its last confirmation after PoN), counted from the expiry side.
         */
        confirmationOverdueBlocksBeforeExpiry: z.number().int().min(1).max(10_000),
        diskFreeMinPercent: z.number().min(0).max(100),
      })
      .strict(),
    /** A group is down when none of its units is active (legacy `zelcash` vs ArcaneOS `fluxd`). */
    requiredServices: z
      .array(z.object({ label: z.string().min(1).max(64), anyOf: z.array(z.string().min(1).max(64)).min(1) }).strict())
      .max(32),
    problems: problemsSchema,
  })
  .strict();

export type HealthRules = z.infer<typeof healthRulesSchema>;

export class HealthRulesError extends Error {
  override name = 'HealthRulesError';
}

/** Validates a rules object (the bundled file by default); throws HealthRulesError naming the field. */
export function loadHealthRules(input: unknown = rulesJson): HealthRules {
  const parsed = healthRulesSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new HealthRulesError(`invalid health rules at "${first?.path.join('.') ?? ''}": ${first?.message ?? 'unknown error'}`);
}
