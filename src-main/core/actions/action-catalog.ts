import { z } from 'zod';
import catalogJson from '../../../resources/actions/maintenance.json';
import { ActionKind, type ActionCatalog, type ActionDef } from '../../../src-shared/contract/actions.contract';
import { AppError } from '../errors';

/** Command lines are plain text with at most the `{lines}` slot; nothing else may be filled in. */
const CommandLine = z
  .string()
  .min(1)
  .max(300)
  .refine((line) => !/\{(?!lines\})/.test(line), 'only the {lines} placeholder is allowed');

const CatalogFile = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: z.string(),
    sources: z.array(z.string().min(1)).min(1),
    logLineChoices: z.array(z.number().int().min(1).max(5000)).min(1),
    arcaneOS: z.string().min(1),
    actions: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
            label: z.string().min(1),
            kind: ActionKind,
            description: z.string().min(1),
            commands: z.array(CommandLine).min(1),
            timeoutSeconds: z.number().int().min(5).max(1800),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** The maintenance catalogue from resources/, validated once; the only source of command text. */
export class ActionCatalogue {
  private readonly byId: ReadonlyMap<string, ActionDef>;

  constructor(private readonly file: z.infer<typeof CatalogFile>) {
    this.byId = new Map(file.actions.map((action) => [action.id, action]));
    if (this.byId.size !== file.actions.length) throw new Error('maintenance.json: duplicate action id');
  }

  static load(json: unknown = catalogJson): ActionCatalogue {
    return new ActionCatalogue(CatalogFile.parse(json));
  }

  describe(): ActionCatalog {
    return { version: this.file.version, actions: this.file.actions, logLineChoices: this.file.logLineChoices, arcaneOS: this.file.arcaneOS };
  }

  get arcaneNote(): string {
    return this.file.arcaneOS;
  }

  action(actionId: string): ActionDef {
    const action = this.byId.get(actionId);
    if (!action) throw new AppError('NOT_FOUND', `There is no maintenance action "${actionId.slice(0, 40)}"`);
    return action;
  }

  /**
   * The exact lines for an action. Every line is catalogue text; the one slot, `{lines}`, takes a
   * number from logLineChoices (the default is the middle one) and nothing else.
   */
  commands(actionId: string, lines?: number): string[] {
    const action = this.action(actionId);
    const choices = this.file.logLineChoices;
    const count = lines ?? choices[Math.floor(choices.length / 2)]!;
    if (action.kind === 'logs' && !choices.includes(count)) {
      throw new AppError('BAD_INPUT', `Show ${choices.join(', ')} lines; ${String(count)} is not offered`);
    }
    return action.commands.map((line) => line.replaceAll('{lines}', String(count)));
  }
}
