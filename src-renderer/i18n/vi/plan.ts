import type { Catalogue } from '../catalogue';
import type en from '../en/plan';

const vi: Catalogue<typeof en> = {
  names: { free: 'Free', pro: 'Pro' },
  summary: 'Gói: {{name}}',
  group: 'Gói',
  youAreOnBefore: 'Bạn đang dùng gói ',
  signInToManage: 'Đăng nhập tài khoản Trade Bot Scratch để nâng cấp hoặc quản lý gói.',
  proAdds: 'Pro cho phép không giới hạn tài khoản thật, MetaTrader 5, cảnh báo SMS và chia nhỏ lệnh chốt.',
  upgradeMonthly: 'Nâng cấp (theo tháng)',
  upgradeYearly: 'Nâng cấp (theo năm)',
  manage: 'Quản lý',
  checkAgain: 'Kiểm tra lại',
  paymentFailed: 'Thanh toán thất bại: hãy cập nhật thẻ trước {{day}} để giữ gói Pro.',
  unreachable: 'Không kết nối được máy chủ tài khoản: gói Pro được giữ đến {{day}}.',
  endsOn: 'Gói Pro kết thúc vào {{day}}.',
  renewsOn: 'Gia hạn vào {{day}}.',
  ended: 'Gói Pro của bạn đã kết thúc. Các lệnh đang mở không bị ảnh hưởng.',
  endedOn: 'Gói Pro của bạn đã kết thúc vào {{day}}. Các lệnh đang mở không bị ảnh hưởng.',
};

export default vi;
