import type { Catalogue } from '../catalogue';
import type en from '../en/portfolio';

const vi: Catalogue<typeof en> = {
  views: { live: 'Thật', paper: 'Giả lập', demo: 'Demo', mt5: 'MT5' },
  whichMoney: 'Loại tiền',
  currency: 'Tiền tệ',
  download: {
    trades: 'Tải giao dịch (CSV)',
    orders: 'Tải lệnh (CSV)',
    ledger: 'Tải sổ cái (CSV)',
  },
  totals: {
    label: 'Tổng',
    equity: 'Vốn chủ sở hữu',
    realized: 'Lãi/lỗ đã chốt',
    unrealized: 'Lãi/lỗ chưa chốt',
    fees: 'Phí',
    depositsWithdrawals: 'Nạp / rút',
    notPriced: 'Chưa có giá',
    notInTotal: '{{holdings}} (không tính vào tổng)',
  },
  empty: 'Chưa nắm giữ gì trong {{view}}. Giao dịch và số dư của các tài khoản {{view}} sẽ hiện ở đây.',
  curve: {
    label: 'Đường vốn',
    range: 'Khoảng thời gian',
    all: 'Tất cả',
    chart: 'Đường vốn, với mức sụt giảm bên dưới',
  },
  noPrice: 'chưa có giá',
  age: {
    seconds: '{{count}} giây trước',
    minutes: '{{count}} phút trước',
    hours: '{{count}} giờ trước',
  },
  holdings: {
    label: 'Tài sản nắm giữ',
    asset: 'Tài sản',
    venue: 'Sàn',
    amount: 'Số lượng',
    value: 'Giá trị ({{currency}})',
    rate: 'Tỷ giá',
  },
  positions: {
    label: 'Vị thế danh mục',
    symbol: 'Mã',
    venue: 'Sàn',
    quantity: 'Khối lượng',
    averageCost: 'Giá vốn bình quân',
    last: 'Giá gần nhất',
    unrealized: 'Chưa chốt',
    realized: 'Đã chốt',
    fees: 'Phí',
    realizedIn: 'Đã chốt ({{currency}})',
  },
  statistics: {
    label: 'Thống kê',
    trades: 'Giao dịch',
    closed: 'Đã đóng',
    winRate: 'Tỷ lệ thắng',
    avgWin: 'Lãi TB',
    avgLoss: 'Lỗ TB',
    profitFactor: 'Hệ số lợi nhuận',
    realized: 'Đã chốt',
    fees: 'Phí',
    maxDrawdown: 'Sụt giảm tối đa',
    total: 'Tổng',
  },
};

export default vi;
