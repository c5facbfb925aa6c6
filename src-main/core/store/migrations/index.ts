import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-host-keys';
import { migration003 } from './003-history';
import { migration004 } from './004-ledger';
import { migration005 } from './005-alerts';
import { migration006 } from './006-migration-runs';
import { migration007 } from './007-fleet-scale';
import { migration008 } from './008-actions';
import { migration009 } from './009-alerts-ack';
import { migration010 } from './010-app-history';
import { migration011 } from './011-earning-uptime';
import { migration014 } from './014-uptime-counts';
import { migration015 } from './015-lean-node-status';
import { migration016 } from './016-recent-samples';
import { migration017 } from './017-period-samples';

/** Every schema step in order. Append only: never edit or reorder a released migration. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration014,
  migration015,
  migration016,
  migration017,
];
