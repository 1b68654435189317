import type { Catalogue } from '../catalogue';
import type en from '../en/format';

const vi: Catalogue<typeof en> = {
  number: {
    empty: 'nhập một số',
    notANumber: 'nhập một số, ví dụ {{example}}',
    ambiguous: '“{{text}}” có thể hiểu theo hai cách: gõ {{asThousands}} nếu là số nguyên, hoặc {{asDecimal}} nếu là số thập phân',
    wrongDecimalMark: 'dùng “{{mark}}” cho phần thập phân: {{suggestion}}',
    badGrouping: 'dấu phân cách hàng nghìn đặt sai chỗ: gõ {{example}} hoặc bỏ chúng đi',
  },
  none: '—',
};

export default vi;
