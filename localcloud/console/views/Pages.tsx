// 页面: the gallery of every mini-program page that `npm run screens` renders, once it has been made.
import { useShared } from '../shared';

export function PagesView() {
  const { info } = useShared();
  if (!info.screens.made) {
    return (
      <>
        <h1>页面</h1>
        <div class="card empty-card">
          <p>
            <strong>还没有生成：运行 npm run screens</strong>
          </p>
          <p class="muted">
            Not made yet: run <span class="mono">npm run screens</span>. 它把每个页面渲染成图片，写到 <span class="mono">{info.screens.dir}</span>（可用 --screens 或 LOCALCLOUD_SCREENS_DIR 指定）。
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>
        页面{' '}
        <a class="small-link" href="/__localcloud/pages/index.html" target="_blank" rel="noopener">
          在新标签页打开
        </a>
      </h1>
      <iframe class="gallery" src="/__localcloud/pages/index.html" title="页面截图" />
    </>
  );
}
