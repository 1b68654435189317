import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here: a stand-in for Notification with its documented constructor options,
// isSupported() and 'close' event.
class FakeNotification extends EventEmitter {
  static supported = true;
  static readonly created: FakeNotification[] = [];
  shown = false;
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
    FakeNotification.created.push(this);
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

vi.mock('electron', () => ({ Notification: FakeNotification }));

const { ElectronDesktopNotifier } = await import('./desktop-notifier');

afterEach(() => {
  FakeNotification.created.length = 0;
  FakeNotification.supported = true;
});

describe('ElectronDesktopNotifier', () => {
  it("shows the notification through the system, a risk limit as critical, and lets it go once closed", () => {
    const notifier = new ElectronDesktopNotifier();
    expect(notifier.show({ type: 'price-alert', title: 'Price alert: BTC above 65,000', body: 'BTC reached 65,012.5', at: 1 })).toBe('Shown by the operating system');
    notifier.show({ type: 'risk-limit', title: 'Risk limit exceeded', body: 'Daily loss past its limit', at: 2 });
    const [alert, risk] = FakeNotification.created;
    expect(alert!.options).toEqual({ title: 'Price alert: BTC above 65,000', body: 'BTC reached 65,012.5', urgency: 'normal' });
    expect(risk!.options.urgency).toBe('critical');
    expect(alert!.shown && risk!.shown).toBe(true);
    expect(notifier.open).toBe(2);
    alert!.emit('close');
    expect(notifier.open).toBe(1);
  });

  it('fails in words, showing nothing, where the system has no notification service', () => {
    FakeNotification.supported = false;
    const notifier = new ElectronDesktopNotifier();
    expect(() => notifier.show({ type: 'test', title: 't', body: 'b', at: 1 })).toThrow('This system has no desktop notification service');
    expect(FakeNotification.created).toEqual([]);
  });
});
