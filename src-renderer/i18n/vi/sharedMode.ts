import type { Catalogue } from '../catalogue';
import type en from '../en/sharedMode';

const vi: Catalogue<typeof en> = {
  region: 'Tiến trình',
  off: 'chế độ dùng chung tắt: {{problem}}',
  unreachable: 'chế độ dùng chung: không kết nối được Redis từ {{time}}',
  waiting_other: ' ({{count}} sự kiện đang chờ)',
  columns: { name: 'Tên', host: 'Máy', role: 'Vai trò', accounts: 'Tài khoản', version: 'Phiên bản', age: 'Tuổi' },
  thisOne: '{{name}} (tiến trình này)',
  seconds: '{{s}} giây',
  minutes: '{{m}} phút',
  settings: {
    heading: 'Chế độ dùng chung (Redis)',
    intro: 'Nhiều bản của ứng dụng (máy này, một máy chủ) trên cùng một Redis dùng chung một hạn mức gọi API cho mỗi sàn, một công tắc dừng khẩn cấp và một bản duy nhất cho mỗi cảnh báo. Để trống địa chỉ để chạy riêng.',
    fromCommandLine: 'Tiến trình này được khởi động với --redis, tùy chọn đó được ưu tiên hơn cài đặt bên dưới.',
    form: 'Cài đặt chế độ dùng chung',
    url: 'Địa chỉ Redis',
    password: 'Mật khẩu Redis',
    passwordKept: 'đã lưu (gõ để thay)',
    name: 'Tên tiến trình này',
    nameHint: 'Hiển thị trong bảng Tiến trình; để trống sẽ dùng tên máy.',
    egress: 'Nhãn IP ra',
    egressHint: 'Các tiến trình dùng chung một IP công khai chia một hạn mức: đặt cùng một nhãn cho chúng.',
    save: 'Lưu',
    remove: 'Tắt',
    saved: 'Đã lưu: áp dụng từ lần khởi động sau.',
    removed: 'Chế độ dùng chung sẽ tắt từ lần khởi động sau.',
    restart: 'Các thay đổi đã lưu sẽ áp dụng từ lần khởi động sau.',
  },
};

export default vi;
