import { requiredServices } from '../../../resources/health/rules.json';

/** How a unit's state reads on the node page: only what needs attention is coloured. */
export type ServiceTone = 'error' | 'warning' | 'muted' | undefined;

export interface ServiceView {
  name: string;
  state: string;
  tone: ServiceTone;
  note: string | null;
}

/**
 * A unit the node does not use is not a warning: the daemon runs as `zelcash` on legacy nodes and
 * `fluxd` elsewhere (the health rules' `requiredServices` groups), so the idle one of a group with an
 * active unit is shown muted, as is an idle unit no rule requires (fluxbenchd is started by fluxd).
 * A failed unit is always an error; a required group with nothing active is a warning.
 */
export function serviceViews(services: Readonly<Record<string, string>>, groups: readonly { label: string; anyOf: readonly string[] }[] = requiredServices): ServiceView[] {
  return Object.entries(services).map(([name, state]) => {
    if (state === 'active') return { name, state, tone: undefined, note: null };
    if (state === 'failed') return { name, state, tone: 'error', note: null };
    const group = groups.find((g) => g.anyOf.includes(name));
    if (!group) return { name, state, tone: 'muted', note: 'not required by the health rules' };
    const running = group.anyOf.find((unit) => unit !== name && services[unit] === 'active');
    if (running) return { name, state, tone: 'muted', note: `not used: ${running} runs the ${group.label}` };
    return { name, state, tone: 'warning', note: null };
  });
}
