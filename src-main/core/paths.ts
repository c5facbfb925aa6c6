import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'FluxDeck';

/**
 * The per-user data directory, the same folder Electron's `app.getPath('userData')` resolves to for
 * an app named FluxDeck, so the CLI, `serve` and the desktop app share one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FLUXDECK_DATA_DIR) return path.resolve(env.FLUXDECK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'fluxdeck.db');
}

/**
 * The project folder (the one holding package.json) above `fromUrl`, wherever the code runs from:
 * the TypeScript sources or the compiled CLI in out/cli.
 */
export function projectRoot(fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fromUrl}`);
    dir = up;
  }
  return dir;
}
