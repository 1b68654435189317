// Desktop notifications in the Electron app: the operating system's own, through Electron's Notification. The core
// takes it as its DesktopNotifier (the headless host shows them in the browser instead).
import { Notification } from 'electron';
import { AppError } from '../../src-shared';
import type { DesktopNotifier } from '../notifications';

export class ElectronDesktopNotifier implements DesktopNotifier {
  // Held until closed: a notification that is garbage-collected can vanish from the screen or lose its events.
  private readonly showing = new Set<Notification>();

  show(notification: Parameters<DesktopNotifier['show']>[0]): string {
    if (!Notification.isSupported()) {
      throw new AppError('VENUE_UNAVAILABLE', 'This system has no desktop notification service, so none can be shown.', false);
    }
    const shown = new Notification({
      title: notification.title,
      body: notification.body,
      // A risk limit exceeded stays on screen until the trader sees it (where the system supports it).
      urgency: notification.type === 'risk-limit' ? 'critical' : 'normal',
    });
    this.showing.add(shown);
    shown.once('close', () => this.showing.delete(shown));
    shown.show();
    return 'Shown by the operating system';
  }

  /** Notifications still on screen: for tests and for closing them at quit. */
  get open(): number {
    return this.showing.size;
  }
}
