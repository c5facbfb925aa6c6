import type { FleetRowStatus } from '../../../src-shared/contract';
import { naturalKey } from './natural-key';

type TextFields = Pick<FleetRowStatus, 'name' | 'host' | 'tags' | 'tier' | 'nodeStatus' | 'benchStatus'>;

function optionalKey(value: string | null): string | null {
  return value ? naturalKey(value) : null;
}

/**
 * A row's text sort keys and search haystack, each derived the first time it is read and then
 * kept. The first table, sorted by health, reads only the names (they break ties): deriving all
 * six for 5,000 rows up front was most of the work of building them.
 */
export class TextKeys {
  private readonly source: TextFields;
  private nameKey: string | undefined = undefined;
  private hostKey: string | undefined = undefined;
  private tierKey: string | null | undefined = undefined;
  private statusKey: string | null | undefined = undefined;
  private benchKey: string | null | undefined = undefined;
  private haystackText: string | undefined = undefined;

  constructor({ name, host, tags, tier, nodeStatus, benchStatus }: TextFields) {
    // Only the text fields: a later status of the node keeps these keys without keeping this status alive.
    this.source = { name, host, tags, tier, nodeStatus, benchStatus };
  }

  /** Whether `status` has the same text as these keys were made from. */
  fits(status: TextFields): boolean {
    const s = this.source;
    return s.name === status.name && s.host === status.host && s.tags === status.tags && s.tier === status.tier && s.nodeStatus === status.nodeStatus && s.benchStatus === status.benchStatus;
  }

  get name(): string {
    return (this.nameKey ??= naturalKey(this.source.name));
  }

  get host(): string {
    return (this.hostKey ??= naturalKey(this.source.host));
  }

  get tier(): string | null {
    if (this.tierKey === undefined) this.tierKey = optionalKey(this.source.tier);
    return this.tierKey;
  }

  get status(): string | null {
    if (this.statusKey === undefined) this.statusKey = optionalKey(this.source.nodeStatus);
    return this.statusKey;
  }

  get bench(): string | null {
    if (this.benchKey === undefined) this.benchKey = optionalKey(this.source.benchStatus);
    return this.benchKey;
  }

  /** Name, host and tags, lower case, one per line: what the filter's words are looked for in. */
  get haystack(): string {
    return (this.haystackText ??= [this.source.name, this.source.host, ...this.source.tags].join('\n').toLowerCase());
  }
}
