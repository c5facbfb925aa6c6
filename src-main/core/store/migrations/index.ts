import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-host-keys';

/** Every schema step in order. Append only: never edit or reorder a released migration. */
export const migrations: readonly Migration[] = [migration001, migration002];
