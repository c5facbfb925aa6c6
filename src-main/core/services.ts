import type { AppInfo } from '../../src-shared/contract';
import { EventHub } from './events/event-hub';
import { NodesRepo } from './nodes/nodes.repo';
import { InventoryImporter } from './nodes/inventory-import';
import { SshCheckService } from './nodes/ssh-check.service';
import { NodesService } from './nodes/nodes.service';
import { SettingsRepo } from './settings/settings.repo';
import { openDatabase, type Db } from './store/database';
import { schemaVersion } from './store/migrate';
import { databasePath } from './paths';
import { MemorySecretStore } from './secrets/memory-secret-store';
import { HostKeys } from './ssh/host-keys';
import { HostKeysRepo } from './ssh/host-keys.repo';
import type { SecretStore } from './secrets/secret-store';
import { APP_VERSION } from './version';

export interface ServicesOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  /** Swap any part in tests or in the Electron shell (e.g. a safeStorage-backed secret store). */
  overrides?: Partial<{ db: Db; events: EventHub; secrets: (db: Db) => SecretStore }>;
}

/**
 * The one composition root: plain classes wired by hand. The Electron shell, the CLI and `serve`
 * all call this, so they run the same core.
 */
export function createServices(options: ServicesOptions) {
  const dbFile = databasePath(options.dataDir);
  const db = options.overrides?.db ?? openDatabase(dbFile);
  const events = options.overrides?.events ?? new EventHub();
  const secrets = options.overrides?.secrets?.(db) ?? new MemorySecretStore();
  const settings = new SettingsRepo(db);
  const nodesRepo = new NodesRepo(db);
  const nodes = new NodesService(nodesRepo, secrets, events);
  const hostKeysRepo = new HostKeysRepo(db);
  const hostKeys = new HostKeys(hostKeysRepo);
  const sshCheck = new SshCheckService(nodesRepo, hostKeysRepo, hostKeys, secrets);
  const importer = new InventoryImporter(nodesRepo, hostKeys, settings, events);

  const appInfo = (): AppInfo => ({
    name: 'FluxDeck',
    version: APP_VERSION,
    dataDir: options.dataDir,
    databasePath: dbFile,
    schemaVersion: schemaVersion(db),
    mode: options.mode,
    secretBackend: secrets.describe(),
  });

  return {
    db,
    events,
    secrets,
    settings,
    nodes,
    nodesRepo,
    hostKeys,
    sshCheck,
    importer,
    appInfo,
    async close(): Promise<void> {
      db.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
