/**
 * The slice of Electron the shell uses, as plain structural types. main.ts and preload.ts pass
 * the real `ipcMain`, `session`, `webContents`, `protocol`… (which satisfy these shapes); the
 * unit tests pass small fakes, so the same shell code runs under vitest without an Electron binary.
 */

export interface FramePort {
  readonly url: string;
}

export interface WebContentsPort {
  readonly id: number;
  readonly mainFrame: FramePort;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
  off(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
}

export interface IpcEventPort {
  readonly senderFrame: FramePort | null;
  readonly sender: WebContentsPort;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcEventPort, input: unknown) => unknown): void;
  on(channel: string, listener: (event: IpcEventPort, name: unknown) => void): unknown;
}

/** What the navigation guards need of a window's webContents. */
export interface GuardedContentsPort {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface SessionPort {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A log line sink (stderr in the app); never given a payload. */
export type LogPort = (line: string) => void;
