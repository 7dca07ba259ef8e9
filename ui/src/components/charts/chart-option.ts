/** An ECharts option object; typed loosely so that this type costs no ECharts import in the first screen. */
export type ChartOption = Record<string, unknown>;
