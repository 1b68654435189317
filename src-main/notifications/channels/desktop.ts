// The desktop channel over a DesktopNotifier port.
import type { LoggedType } from '../../../src-shared';
import type { EventBus } from '../../events';
import type { RenderedMessage } from '../templates';
import type { ChannelSender, DesktopNotifier } from './port';

/** The headless host's desktop notifications: every open window shows them (see features/notifications/Toasts). */
export class BusDesktopNotifier implements DesktopNotifier {
  constructor(private readonly bus: EventBus) {}

  show(notification: Parameters<DesktopNotifier['show']>[0]): string {
    this.bus.publish('notification.shown', notification);
    return 'Sent to every open window of the app';
  }
}

export class DesktopSender implements ChannelSender {
  constructor(
    private readonly notifier: DesktopNotifier,
    private readonly now: () => number,
  ) {}

  async send(message: RenderedMessage, type: LoggedType): Promise<string> {
    // The text body's first line is the headline; the subject is the title.
    const body = message.text.split('\n')[0] ?? '';
    return this.notifier.show({ type, title: message.subject, body, at: this.now() });
  }
}
