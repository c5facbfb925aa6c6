import type { Severity } from '../../../src-shared/contract/fleet.contract';

/** One desktop notification, already sanitised plain text. */
export interface DesktopNotification {
  title: string;
  body: string;
  severity: Severity;
}

/**
 * Shows desktop notifications. Core never imports Electron: the Electron shell plugs in its
 * `Notification`, serve mode uses {@link inAppNotifier}.
 */
export interface Notifier {
  notify(notification: DesktopNotification): Promise<void> | void;
}

/**
 * For serve mode: the open page already shows every sent alert as a banner (the engine publishes
 * `alerts:onFired`), so the desktop channel has nothing more to do there.
 */
export const inAppNotifier: Notifier = { notify: () => undefined };
