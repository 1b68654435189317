import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '../../src-shared';
import { escapeHtml, render, type NotificationData } from './templates';
import { sampleAlert, sampleRisk, sampleTrade } from './testing/samples';

const samples: NotificationData = {
  'trade-executed': sampleTrade(),
  'price-alert': sampleAlert(),
  'risk-limit': sampleRisk(),
  'strategy-stopped': { strategyId: 's-1', name: 'Grid <BTC>', reason: 'the venue refused 3 orders in a row', at: sampleAlert().at },
};

describe('templates', () => {
  it('renders every type with a subject, a text body and an HTML body', () => {
    for (const type of NOTIFICATION_TYPES) {
      const message = render(type, samples[type] as never);
      expect(message.subject.length).toBeGreaterThan(5);
      expect(message.text).toContain('— Trade Bot Scratch');
      expect(message.html).toMatch(/^<!doctype html>.*<\/html>$/s);
    }
  });

  it('writes numbers without floating-point noise and names the figures of each type', () => {
    const trade = render('trade-executed', sampleTrade());
    expect(trade.subject).toBe('Bought 1.5 ETH/USDT at 0.3');
    expect(trade.text).toContain('Value: 0.45');
    expect(trade.text).not.toContain('0.30000000000000004');
    const risk = render('risk-limit', sampleRisk());
    expect(risk.subject).toBe('Risk limit exceeded: Maximum daily loss (demo)');
    expect(risk.text.split('\n')[0]).toBe(sampleRisk().message);
    expect(risk.text).toContain('Value: 1,250\nThreshold: 1,000\nScope: all accounts');
    expect(render('strategy-stopped', samples['strategy-stopped']).subject).toBe('Strategy stopped: Grid <BTC>');
  });

  it('escapes every outside value in the HTML body', () => {
    const html = render('strategy-stopped', samples['strategy-stopped']).html;
    expect(html).toContain('Grid &lt;BTC&gt;');
    expect(html).not.toContain('<BTC>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes a channel set to Vietnamese in Vietnamese, with Vietnamese separators', () => {
    const trade = render('trade-executed', { ...sampleTrade(), amount: 1_234.5 }, 'vi');
    expect(trade.subject).toBe('Đã mua 1.234,5 ETH/USDT giá 0,3');
    expect(trade.text).toContain('Khối lượng: 1.234,5');
    const risk = render('risk-limit', sampleRisk(), 'vi');
    expect(risk.subject).toBe('Vượt hạn mức rủi ro: Lỗ tối đa trong ngày (demo)');
    expect(risk.text).toContain('Giá trị: 1.250\nNgưỡng: 1.000\nPhạm vi: mọi tài khoản');
    expect(risk.text.split('\n')[0]).toBe('Lỗ tối đa trong ngày: 1.250, vượt hạn mức 1.000.');
    expect(render('price-alert', sampleAlert(), 'vi').subject).toMatch(/^Cảnh báo giá: /);
  });
});
