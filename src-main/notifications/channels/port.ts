// What every channel does: deliver one rendered message and say what the other side answered. A failure is an
// AppError whose `retryable` says whether trying again can help (a refused connection can, a refused login cannot).
import type { LoggedType, NotificationShown } from '../../../src-shared';
import type { RenderedMessage } from '../templates';

export interface ChannelSender {
  /** Resolves to the server's answer in words (e.g. "250 2.0.0 OK: queued as 1A2B"). */
  send(message: RenderedMessage, type: LoggedType): Promise<string>;
}

/**
 * Shows a desktop notification. The Electron shell can supply one built on Electron's Notification; the default
 * (BusDesktopNotifier) asks every open window to show it, through the browser's Notification API or a toast.
 */
export interface DesktopNotifier {
  show(notification: NotificationShown): Promise<string> | string;
}
