import type { Catalogue } from '../catalogue';
import type en from '../en/workspaceTabs';

const vi: Catalogue<typeof en> = {
  tabs: {
    'open-orders': 'Lệnh đang mở',
    'order-history': 'Lịch sử lệnh',
    trades: 'Giao dịch khớp',
    balances: 'Số dư',
    positions: 'Vị thế',
    portfolio: 'Danh mục',
    alerts: 'Cảnh báo',
    'notifications-log': 'Nhật ký thông báo',
  },
  region: 'Lệnh, giao dịch, số dư và cảnh báo',
  resizeColumns: 'Đổi kích thước biểu đồ và cột phiếu lệnh',
  resizeRows: 'Đổi kích thước biểu đồ và các thẻ',
};

export default vi;
