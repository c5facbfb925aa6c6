import { Notification } from 'electron';
import type { Notifier } from '../core/alerts/notifier';

/** Alerts as native notifications, from main (the renderer is denied the permission). */
export const desktopNotifier: Notifier = {
  notify({ title, body, severity }) {
    if (!Notification.isSupported()) return;
    new Notification({ title, body, urgency: severity === 'critical' ? 'critical' : 'normal', silent: severity === 'info' }).show();
  },
};
