import type { Catalogue } from '../catalogue';
import type en from '../en/chart';

const vi: Catalogue<typeof en> = {
  timeframe: 'Khung thời gian',
  status: {
    live: 'trực tiếp',
    stale: 'dữ liệu cũ — không có dữ liệu mới',
    reconnecting: 'đang kết nối lại',
    offline: 'ngoại tuyến',
    failed: 'luồng dữ liệu lỗi',
  },
  withDetail: '{{status}}: {{detail}}',
  connectionLost: 'mất kết nối tới ứng dụng',
  offlineRetrying: 'ngoại tuyến — đang thử lại',
  offlineRetryingIn: 'ngoại tuyến — thử lại sau {{seconds}} giây',
  loading: 'Đang tải {{symbol}} {{timeframe}}…',
  retrying: 'Đang thử lại…',
  retryNow: 'Thử lại ngay',
  historyProgress: 'Đang tải lịch sử {{symbol}} {{timeframe}}: {{loaded}} / {{target}} nến',
  chartLabel: 'Biểu đồ nến {{symbol}} {{timeframe}}',
  // Mở / Cao / Thấp / Đóng / Khối lượng, as Vietnamese trading screens abbreviate them.
  legend: 'M {{open}}  C {{high}}  T {{low}}  Đ {{close}}  KL {{volume}}',
};

export default vi;
