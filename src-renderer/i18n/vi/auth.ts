import type { Catalogue } from '../catalogue';
import type en from '../en/auth';

const vi: Catalogue<typeof en> = {
  title: 'Không được phép',
  missing: 'Mã truy cập của trang này bị thiếu, sai, hoặc thuộc một lần khởi động trước của máy chủ.',
  openBefore: 'Hãy mở địa chỉ mà máy chủ in ra khi khởi động: địa chỉ kết thúc bằng ',
  openAfter: '.',
  tokenSuffix: '#token=…',
};

export default vi;
