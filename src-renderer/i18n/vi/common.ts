import type { Catalogue } from '../catalogue';
import type en from '../en/common';

const vi: Catalogue<typeof en> = {
  app: {
    connecting: 'Đang kết nối tới ứng dụng…',
    couldNotLoad: 'Không tải được ứng dụng: {{error}}',
    noMarket: 'Chưa chọn thị trường.',
    chart: 'Biểu đồ',
    prices: 'Giá',
    ticketAndPrices: 'Phiếu lệnh và giá',
    venueNotConnected: '{{venue}} chưa kết nối nên đang hiển thị Demo.',
    venueNotConnectedReconnect: '{{venue}} chưa kết nối nên đang hiển thị Demo; hãy kết nối lại trong Tài khoản.',
  },
  plainText: {
    label: 'Xác nhận gửi không mã hóa',
    title: 'Gửi dạng văn bản không mã hóa?',
    warning: 'Bất kỳ ai trên đường truyền mạng đều đọc được. Chỉ chấp nhận với mạng do bạn kiểm soát.',
    accept: 'Chấp nhận không mã hóa',
  },
  actions: {
    back: 'Quay lại',
    cancel: 'Hủy',
    save: 'Lưu',
    close: 'Đóng',
    remove: 'Xóa',
    replace: 'Thay thế',
    confirm: 'Xác nhận',
  },
  // Each language is named in itself, so a trader who cannot read the current one still finds theirs.
  language: {
    en: 'English',
    vi: 'Tiếng Việt',
  },
};

export default vi;
