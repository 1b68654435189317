import type { Catalogue } from '../catalogue';
import type en from '../en/health';

const vi: Catalogue<typeof en> = {
  region: 'Tình trạng sàn',
  unavailable: 'Không lấy được tình trạng: {{error}}',
  noneYet: 'Chưa gọi tới sàn nào.',
  venueHealth: 'Tình trạng {{venue}}',
  working: 'Hoạt động',
  recovering: 'Đang phục hồi',
  recoveringDetail: 'Yêu cầu tiếp theo sẽ kiểm tra xem sàn đã hoạt động lại chưa.',
  paused: 'Tạm dừng sau nhiều lỗi',
  pausedDetail: 'Các yêu cầu lỗi liên tiếp; ứng dụng sẽ thử lại sau {{wait}}.',
  banned: '{{name}} chặn đến {{time}} vì gửi quá nhiều yêu cầu. Không gửi yêu cầu nào tới {{name}} cho đến lúc đó; không thể đặt hay hủy lệnh ở đó từ ứng dụng này.',
  slowDown: '{{name}} yêu cầu ứng dụng giảm tốc độ; các yêu cầu tiếp tục sau {{wait}}.',
  budget: '{{id}}: đã dùng {{used}} / {{limit}} ({{percent}} %)',
};

export default vi;
