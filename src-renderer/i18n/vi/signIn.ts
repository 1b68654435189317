import type { Catalogue } from '../catalogue';
import type en from '../en/signIn';

const vi: Catalogue<typeof en> = {
  control: {
    account: 'Tài khoản',
    signedInAs: 'Đã đăng nhập: <b>{{name}}</b>',
    signIn: 'Đăng nhập',
    signInWithCode: 'Đăng nhập bằng mã',
    signOut: 'Đăng xuất',
    finishInBrowser: 'Hoàn tất đăng nhập trong trình duyệt (<a>mở lại</a>)',
  },
  device: {
    title: 'Đăng nhập trên thiết bị khác',
    open: 'Mở <a>{{url}}</a> trên điện thoại hoặc máy tính và nhập mã này:',
    code: 'Mã cần nhập',
    qr: 'Mã QR của trang đăng nhập',
    waiting: 'Đang chờ bạn xác nhận ở đó… Mã hết hạn lúc {{time}}.',
  },
  settings: {
    heading: 'Đăng nhập',
    intro:
      'Nơi ứng dụng đăng nhập vào tài khoản Trade Bot Scratch của bạn (Auth0). Để trống cả ba ô nếu không dùng đăng nhập. Đổi nơi đăng nhập sẽ đăng xuất bạn trước.',
    fromEnvironment: 'Được đặt bởi TBS_AUTH_* trong môi trường của ứng dụng: hãy sửa hoặc bỏ các biến đó để thay đổi.',
    off: 'Đăng nhập đang tắt: {{problem}}',
    form: 'Cài đặt đăng nhập',
    issuer: 'Nhà phát hành (tên miền Auth0)',
    issuerHint: 'Mặc định dùng https://.',
    clientId: 'Client id',
    clientIdPlaceholder: 'client id của ứng dụng Native',
    audience: 'Audience',
    save: 'Lưu cài đặt đăng nhập',
    remove: 'Gỡ đăng nhập',
    removed: 'Đã gỡ đăng nhập.',
    saved: 'Đã lưu: đăng nhập dùng các cài đặt này từ bây giờ.',
  },
};

export default vi;
