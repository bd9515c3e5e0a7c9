// 通知: notices from the union (filled in by the notices issue); empty for now.
import { showTab } from '../../services/ui';

Component({
  pageLifetimes: {
    show() {
      showTab(this, 'pages/notices/index');
    },
  },
});
