import type { Catalogue } from '../catalogue';
import type en from '../en/marketData';

const vi: Catalogue<typeof en> = {
  region: 'Dữ liệu thị trường',
  providersButton: 'Nguồn dữ liệu…',
  providersDialog: 'Cài đặt nguồn dữ liệu',
  providers: 'Nguồn dữ liệu',
  close: 'Đóng',
  couldNotLoad: 'Không tải được các nguồn dữ liệu: {{error}}',
  loading: 'Đang tải nguồn dữ liệu…',
  order: 'Các nguồn được hỏi từ trên xuống; nguồn trả lời đầu tiên cho giá. Khóa được giữ trong kho khóa của hệ thống.',
  connectedExchange: 'sàn đã kết nối',
  exchangeNotConnected: 'sàn, chưa kết nối',
  moveUp: 'Đưa {{name}} lên',
  moveDown: 'Đưa {{name}} xuống',
  key: {
    pasteFirst: 'Hãy dán khóa API trước.',
    label: 'Khóa API {{name}}',
    set: 'Đã có khóa',
    replace: 'Thay thế',
    removing: 'Đang xóa…',
    remove: 'Xóa',
    newKey: 'Khóa mới',
    pasteYourKey: 'Dán khóa của bạn',
    saving: 'Đang lưu…',
    save: 'Lưu khóa',
    cancel: 'Hủy',
  },
  comparison: {
    region: 'So sánh giá',
    title: '{{symbol}} trên các nguồn',
    refreshing: 'Đang làm mới…',
    refresh: 'Làm mới',
    couldNotCompare: 'Không so sánh được giá: {{error}}',
    asking: 'Đang hỏi mọi nguồn…',
    noSource: 'Chưa có nguồn giá: kết nối một sàn trong Tài khoản hoặc đặt khóa cho nguồn dữ liệu.',
    source: 'Nguồn',
    pair: 'Cặp',
    price: 'Giá',
    age: 'Tuổi',
    retryIn: '{{message}} (thử lại sau {{age}})',
  },
  age: { now: 'vừa xong', seconds: '{{s}} giây', minutes: '{{m}} phút', hours: '{{h}} giờ', hoursMinutes: '{{h}} giờ {{m}} phút', days: '{{d}} ngày' },
};

export default vi;
