import type { Capability, CapabilityHandlers } from '../capability';
import { PlannerService, type PlannerDeps } from './planner.service';

export type { PlannerDeps } from './planner.service';

/** The planner as a capability: its `planner:*` handlers, plus the service the CLI calls directly. */
export type PlannerCapability = Capability & {
  readonly handlers: Required<Pick<CapabilityHandlers, 'planner:state' | 'planner:plan' | 'planner:reset'>>;
  readonly service: PlannerService;
};

export function createPlannerCapability(deps: PlannerDeps): PlannerCapability {
  const service = new PlannerService(deps);
  return {
    name: 'planner',
    service,
    handlers: {
      'planner:state': () => service.state(),
      'planner:plan': ({ inputs }) => service.plan(inputs),
      'planner:reset': () => service.reset(),
    },
  };
}
