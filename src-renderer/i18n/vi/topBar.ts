import type { Catalogue } from '../catalogue';
import type en from '../en/topBar';

const vi: Catalogue<typeof en> = {
  brand: 'Trade Bot Scratch',
  venue: 'Sàn',
  symbol: 'Mã',
  venueConnecting: ' (đang kết nối…)',
  venueOffline: ' (ngoại tuyến)',
  venueNotConnected: ' (chưa kết nối)',
  modeTrading: 'Giao dịch {{mode}}',
  accounts: 'Tài khoản',
  notifications: 'Thông báo',
  risk: 'Rủi ro',
  connection: {
    label: 'Kết nối',
    connecting: 'Đang kết nối…',
    connected: 'Đã kết nối',
    reconnecting: 'Đang kết nối lại…',
    unauthorized: 'Không được phép',
  },
  readOnly: 'Chỉ xem',
  readOnlyExplanation:
    'Chỉ xem: trang này được mở bằng mã người xem. Bạn có thể xem biểu đồ, lệnh, số dư, cảnh báo và nhật ký; giao dịch, hủy lệnh, công tắc khẩn cấp và cài đặt cần mã người vận hành. Lựa chọn thị trường và hiển thị chỉ giữ trong thẻ này.',
  backToTrading: '← Quay lại giao dịch',
  connectivity: {
    label: 'Kết nối sàn',
    live: 'trực tiếp',
    connecting: 'đang kết nối…',
    offline: 'ngoại tuyến',
    rejected: 'khóa bị từ chối — xem Tài khoản',
    retryingIn: 'ngoại tuyến — thử lại sau {{seconds}} giây',
  },
  lastPrice: 'Giá gần nhất',
  change24h: 'Thay đổi 24 giờ',
  feedStatus: { live: 'trực tiếp', stale: 'dữ liệu cũ', reconnecting: 'đang kết nối lại', offline: 'ngoại tuyến', failed: 'lỗi' },
  display: {
    title: 'Hiển thị',
    theme: 'Giao diện',
    dark: 'Tối',
    light: 'Sáng',
    palette: 'Màu tăng / giảm',
    greenRed: 'Xanh / đỏ',
    blueOrange: 'Xanh dương / cam (an toàn cho người mù màu)',
    times: 'Thời gian',
    local: 'Giờ địa phương',
    utc: 'UTC',
    language: 'Ngôn ngữ',
  },
};

export default vi;
