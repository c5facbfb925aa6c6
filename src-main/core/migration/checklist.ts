import { z } from 'zod';
import checklistJson from '../../../resources/migration/arcaneos.json';

/**
 * The ArcaneOS migration checklist as data (resources/migration/arcaneos.json): steps, tier sizing,
 * network and timing values, each dated and sourced. Validated once here; core never hard-codes them.
 */

/** Ids the CLI, the UI and the tests rely on; the file must list every one of them. */
export const REQUIRED_STEP_IDS = [
  'arch', 'uefi', 'tpm2', 'secure-boot', 'virtualization', 'avx', 'threads', 'ram', 'disk',
  'identity-key', 'flux-id', 'collateral', 'api-port', 'router', 'window',
  'after-arcane', 'after-bench', 'after-status', 'after-collateral', 'after-ip',
] as const;
export type StepId = (typeof REQUIRED_STEP_IDS)[number];

const positive = z.number().int().min(1);
const sizing = z.object({ threads: positive, ramGb: positive, diskGb: positive });

const stepSchema = z.object({
  id: z.enum(REQUIRED_STEP_IDS),
  group: z.enum(['hardware', 'identity', 'network', 'timing', 'after']),
  kind: z.enum(['auto', 'manual']),
  title: z.string().min(1),
  why: z.string().min(1),
  reads: z.string().nullable(),
  rule: z.string().min(1),
  manualCheck: z.string().min(1),
  guide: z.string().min(1),
});
export type ChecklistStep = z.infer<typeof stepSchema> & { guideUrl: string };

export const checklistSchema = z
  .object({
    schemaVersion: z.literal(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    source: z.string().min(1),
    guideBase: z.url(),
    sizing: z.object({
      source: z.string().min(1),
      tiers: z.object({ CUMULUS: sizing, NIMBUS: sizing, STRATUS: sizing }),
      toleranceRatio: z.number().min(0.5).max(1),
      toleranceWhy: z.string(),
    }),
    network: z.object({ firstApiPort: positive, lastApiPort: positive, portStep: positive, maxNodesPerIp: positive }),
    timing: z.object({ installAndSyncBlocks: positive, installAndSyncWhy: z.string(), source: z.string() }),
    hardwareMaxAgeMinutes: positive,
    steps: z.array(stepSchema),
  })
  .superRefine((c, ctx) => {
    const ids = c.steps.map((s) => s.id);
    for (const required of REQUIRED_STEP_IDS) {
      if (!ids.includes(required)) ctx.addIssue({ code: 'custom', path: ['steps'], message: `missing step "${required}"` });
    }
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'duplicate step id' });
  });

export type Checklist = Omit<z.infer<typeof checklistSchema>, 'steps'> & { steps: ChecklistStep[] };

/** Loads and validates the bundled checklist (or `input`, in tests); throws on an invalid file. */
export function loadChecklist(input: unknown = checklistJson): Checklist {
  const parsed = checklistSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid migration checklist: ${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  return { ...data, steps: data.steps.map((s) => ({ ...s, guideUrl: new URL(s.guide, data.guideBase).toString() })) };
}
