// A column chart (uCharts on a canvas of type 2d) of what the `chart` property holds: one bar per category
// and series. The data is the property; drawing is a side effect. Where no canvas node can be had (an old
// base library, the page test's simulator) nothing is drawn and nothing fails: the page lists the same
// figures as text beside the chart.
import UCharts from '@qiun/ucharts';

export interface ChartData {
  categories: string[];
  series: { name: string; data: number[] }[];
  /** what the numbers count, shown above the chart: 人次, 万元 */
  unit: string;
}

const COLORS = ['#c8161d', '#1890ff', '#e6a23c', '#1a6b34', '#73c0de', '#9a60b4'];

Component({
  properties: {
    chart: { type: Object, value: null as ChartData | null },
  },
  observers: {
    chart(chart: ChartData | null) {
      if (chart && chart.categories.length) this.draw(chart);
    },
  },
  methods: {
    draw(chart: ChartData) {
      this.createSelectorQuery()
        .select('.chart__canvas')
        .fields({ node: true, size: true })
        .exec((res: { node?: WechatMiniprogram.Canvas; width: number; height: number }[] | null) => {
          const found = res?.[0];
          if (!found?.node || !found.width || !found.height) return;
          const pixelRatio = wx.getWindowInfo().pixelRatio;
          const canvas = found.node;
          canvas.width = found.width * pixelRatio;
          canvas.height = found.height * pixelRatio;
          new UCharts({
            type: 'column',
            context: canvas.getContext('2d'),
            canvas2d: true,
            width: canvas.width,
            height: canvas.height,
            pixelRatio,
            categories: chart.categories,
            series: chart.series,
            animation: false,
            background: '#ffffff',
            color: COLORS,
            fontSize: 14,
            padding: [16, 12, 8, 8],
            dataLabel: true,
            legend: { show: chart.series.length > 1, fontSize: 14 },
            xAxis: { disableGrid: true, rotateLabel: chart.categories.length > 3, fontSize: 13 },
            yAxis: { data: [{ min: 0 }] },
            extra: { column: { type: 'group', width: 24 } },
          });
        });
    },
  },
});
