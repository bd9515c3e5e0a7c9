// Sample page: calls the `hello` function and shows who the cloud thinks you are.
import { callFunction } from '../../services/cloud';

interface HelloResult {
  openid: string;
}

Component({
  data: { loading: false, greeting: '', error: '' },
  methods: {
    async onCheck() {
      this.setData({ loading: true, error: '' });
      try {
        const r = await callFunction<HelloResult>('hello', {});
        this.setData({ greeting: r.openid ? `已连接，您的身份：${r.openid}` : '已连接（未登录）' });
      } catch {
        this.setData({ error: '连接失败，请稍后再试' });
      } finally {
        this.setData({ loading: false });
      }
    },
  },
});
