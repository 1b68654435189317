import type { Catalogue } from '../catalogue';
import type en from '../en/secrets';

const vi: Catalogue<typeof en> = {
  notice: {
    label: 'Khóa API',
    locked: 'Khóa API đang bị khóa: nhập mật khẩu để dùng.',
  },
  unlockKeys: 'Mở khóa API',
  dialog: {
    createTitle: 'Tạo tệp khóa',
    createIntro:
      'Máy này không có kho khóa hệ thống: khóa API của sàn và nhà cung cấp dữ liệu được lưu trong một tệp mã hóa trong thư mục dữ liệu. Hãy chọn mật khẩu cho tệp; nếu quên sẽ không thể khôi phục.',
    unlockIntro: 'Khóa API của sàn và nhà cung cấp dữ liệu được lưu trong một tệp mã hóa. Nhập mật khẩu của tệp để dùng.',
    passphrase: 'Mật khẩu',
    repeat: 'Nhập lại mật khẩu',
    enterPassphrase: 'Hãy nhập mật khẩu.',
    tooShort: 'Hãy chọn mật khẩu dài ít nhất {{min}} ký tự.',
    differ: 'Hai mật khẩu không khớp: hãy nhập lại.',
    creating: 'Đang tạo…',
    unlocking: 'Đang mở khóa…',
    create: 'Tạo tệp khóa',
    unlock: 'Mở khóa',
    notNow: 'Để sau',
  },
};

export default vi;
