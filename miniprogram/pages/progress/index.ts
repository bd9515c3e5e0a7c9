// 办事进度: the member's applications and cases (filled in by the service issues); empty for now.
import { showTab } from '../../services/ui';

Component({
  pageLifetimes: {
    show() {
      showTab(this, 'pages/progress/index');
    },
  },
});
