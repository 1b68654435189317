// SMS length in what the network counts: GSM-7 septets, or UCS-2 units as soon as one letter (a Vietnamese
// diacritic) is outside GSM-7; a cut body stays within its segments and never splits a character.
import { describe, expect, it } from 'vitest';
import { fitSms, smsLength } from './sms-length';

describe('smsLength', () => {
  it('counts plain English as GSM-7: 160 in one segment, 153 per segment after', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toEqual({ encoding: 'gsm-7', units: 161, segments: 2 });
    // € and [ take an escape septet each.
    expect(smsLength('€['.repeat(40)).units).toBe(160);
  });

  it('counts a Vietnamese body as UCS-2: 70 in one segment, 67 per segment after', () => {
    const vietnamese = 'Vượt hạn mức rủi ro: Lỗ tối đa trong ngày';
    expect(smsLength(vietnamese).encoding).toBe('ucs-2');
    expect(smsLength('ệ'.repeat(70))).toEqual({ encoding: 'ucs-2', units: 70, segments: 1 });
    expect(smsLength('ệ'.repeat(71))).toEqual({ encoding: 'ucs-2', units: 71, segments: 2 });
    // 140 characters: one GSM segment in English, three UCS-2 segments once one diacritic is in.
    expect(smsLength('a'.repeat(140)).segments).toBe(1);
    expect(smsLength(`ệ${'a'.repeat(139)}`).segments).toBe(3);
  });
});

describe('fitSms', () => {
  it('leaves a body that fits alone', () => {
    expect(fitSms('Đã mua 1,5 ETH/USDT giá 0,3', 3)).toBe('Đã mua 1,5 ETH/USDT giá 0,3');
  });

  it('cuts a long Vietnamese body to three UCS-2 segments, with an ellipsis', () => {
    const cut = fitSms('Cảnh báo giá: '.repeat(40), 3);
    expect(cut.endsWith('…')).toBe(true);
    expect(smsLength(cut)).toMatchObject({ encoding: 'ucs-2', segments: 3 });
    expect(smsLength(cut).units).toBeLessThanOrEqual(201);
  });

  it('never splits an emoji (a surrogate pair) when cutting', () => {
    const cut = fitSms('📈'.repeat(200), 1);
    expect(smsLength(cut).segments).toBe(1);
    expect(cut).toBe(`${'📈'.repeat(34)}…`);
  });
});
