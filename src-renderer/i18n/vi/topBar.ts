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
