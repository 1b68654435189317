import type { Catalogue } from '../catalogue';
import type en from '../en/tradeTape';

const vi: Catalogue<typeof en> = {
  region: 'Khớp lệnh theo thời gian',
  title: 'Giao dịch',
  notStreamed: 'không có luồng dữ liệu',
  status: { live: 'trực tiếp', stale: 'dữ liệu cũ', reconnecting: 'đang kết nối lại', offline: 'ngoại tuyến', failed: 'lỗi' },
  waiting: 'Đang chờ giao dịch…',
  price: 'Giá ({{asset}})',
  amount: 'Khối lượng ({{asset}})',
  time: 'Thời gian',
};

export default vi;
