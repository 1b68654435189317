import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { channelWords, outcomeWords, typeWords } from './delivery-words';

describe('delivery log words', () => {
  afterEach(() => setLanguage('en'));

  it('names types, channels and outcomes in English', () => {
    expect(typeWords('risk-limit')).toBe('Risk limit exceeded');
    expect(typeWords('test')).toBe('Test');
    expect(channelWords('desktop')).toBe('Desktop');
    expect(outcomeWords('quiet-hours')).toBe('Quiet hours');
  });

  it('follows a switch to Vietnamese without reloading', () => {
    setLanguage('vi');
    expect(typeWords('trade-executed')).toBe('Lệnh đã khớp');
    expect(channelWords('desktop')).toBe('Máy tính');
    expect(outcomeWords('sent')).toBe('Đã gửi');
  });
});
