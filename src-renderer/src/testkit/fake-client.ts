import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload, FleetDiff, FleetTable, NodeStatus } from '../../../src-shared/contract';
import { rowChange, toFleetRow } from '../../../src-shared/fleet-row';
import { encodeFleetTable } from '../../../src-shared/fleet-table';
import type { Result } from '../../../src-shared/result';
import type { Client } from '../bridge/bridge';

type Handler<C extends ChannelName> = (input: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;

/**
 * An in-memory Client for renderer tests: handlers per channel, calls recorded, and `emit` to
 * play main's push events. Unhandled channels answer UNKNOWN_CHANNEL like main does.
 */
export class FakeClient implements Client {
  readonly calls: { channel: ChannelName; input: unknown }[] = [];
  private readonly handlers = new Map<ChannelName, (input: unknown) => unknown>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  handle<C extends ChannelName>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (input: unknown) => unknown);
    return this;
  }

  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    this.calls.push({ channel, input });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No handler for ${channel}` } };
    return (await handler(input)) as Result<ChannelOutput<C>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsTo(channel: ChannelName): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.input);
  }
}

const TIERS = ['CUMULUS', 'NIMBUS', 'STRATUS'] as const;
const HEALTHS = ['ok', 'ok', 'ok', 'warning', 'critical', 'unreachable', 'unknown'] as const;

/** A fully populated status; `overrides` win. Deterministic for a given id. */
export function makeStatus(id: number, overrides: Partial<NodeStatus> = {}): NodeStatus {
  const tier = TIERS[id % 3]!;
  return {
    nodeId: id,
    name: `node-${id}`,
    host: `203.0.113.${id % 250}`,
    tags: id % 2 ? ['odd'] : ['even'],
    health: HEALTHS[id % HEALTHS.length]!,
    problems: [],
    fluxnode: {
      status: 'CONFIRMED',
      tier,
      txhash: 'ab'.repeat(32),
      outidx: 0,
      amount: 1000,
      paymentAddress: 't1examplePaymentAddress000000000',
      ip: `203.0.113.${id % 250}:16127`,
      addedHeight: 1_000_000,
      confirmedHeight: 1_000_010,
      lastConfirmedHeight: 2_000_000 - (id % 400),
      lastPaidHeight: 1_999_000,
      activeSince: 1_700_000_000,
      lastPaid: '2026-01-01T00:00:00.000Z',
      rank: id % 997,
    },
    benchmark: { status: tier, cores: 4, ramGb: 8, ssdGb: 220, eps: 300 + (id % 50), ddwrite: 500, downloadMbps: 100, uploadMbps: 100, error: null, version: '6.1.0' },
    daemon: { blocks: 2_000_000 - (id % 5), version: '9.0.0', connections: 16 },
    flux: { version: '7.0.0', arcaneOS: id % 4 === 0, uptimeSeconds: 86_400 },
    system: null,
    services: null,
    referenceHeight: 2_000_000,
    blocksBehind: id % 5,
    confirmInBlocks: Math.max(0, 501 - (140 + (id % 400))),
    maintenanceWindowBlocks: 500 - (id % 400),
    maintenanceWindowSeconds: (500 - (id % 400)) * 30,
    nextPaymentSeconds: ((id % 997) + 1) * 30,
    apps: [],
    lastPolledAt: 1_800_000_000_000,
    lastOkAt: 1_800_000_000_000 - (id % 100) * 1000,
    ...overrides,
  };
}

export function makeFleet(count: number): NodeStatus[] {
  return Array.from({ length: count }, (_, index) => makeStatus(index + 1));
}

/**
 * Main's side of the fleet stream, for renderer tests: the statuses main holds, the table rows it
 * last sent and its diff sequence. `diff` returns what main's batcher publishes for new statuses
 * (changed row fields only, numbered); whether a test delivers it is up to the test.
 */
export class FakeFleet {
  readonly stream = 'test-stream';
  private seq = 0;
  private readonly byId = new Map<number, NodeStatus>();

  constructor(statuses: readonly NodeStatus[]) {
    for (const status of statuses) this.byId.set(status.nodeId, status);
  }

  /** Answers `fleet:status` and `node:status` from the current statuses. */
  install(client: FakeClient): FakeClient {
    return client
      .handle('fleet:status', () => ({ ok: true, value: this.snapshot() }))
      .handle('node:status', ({ nodeId }) => ({ ok: true, value: this.byId.get(nodeId) ?? null }));
  }

  snapshot(): FleetTable {
    return encodeFleetTable({ stream: this.stream, seq: this.seq, rows: [...this.byId.values()].map(toFleetRow) });
  }

  diff(changed: readonly NodeStatus[], removed: readonly number[] = []): FleetDiff {
    const changes = changed.map((status) => {
      const before = this.byId.get(status.nodeId);
      this.byId.set(status.nodeId, status);
      return rowChange(before && toFleetRow(before), toFleetRow(status));
    });
    for (const id of removed) this.byId.delete(id);
    return { stream: this.stream, seq: ++this.seq, changed: changes, removed: [...removed] };
  }
}
