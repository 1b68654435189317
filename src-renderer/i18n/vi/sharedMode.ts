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
};

export default vi;
