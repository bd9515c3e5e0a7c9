// The part of uCharts (@qiun/ucharts, Apache-2.0) the chart component uses; the package ships no typings.
declare module '@qiun/ucharts' {
  interface UChartsOptions {
    type: 'column' | 'bar' | 'line' | 'pie';
    context: unknown;
    canvas2d?: boolean;
    width: number;
    height: number;
    pixelRatio: number;
    categories: string[];
    series: { name: string; data: number[] }[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    dataLabel?: boolean;
    legend?: Record<string, unknown>;
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }
  export default class UCharts {
    constructor(options: UChartsOptions);
  }
}
