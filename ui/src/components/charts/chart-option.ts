/** An ECharts option object; typed loosely so that this type costs no ECharts import in the first screen. */
export type ChartOption = Record<string, unknown>;

/** The option as drawn: without the entry animation for a reader who asked their system for less motion. */
export function withMotionPreference(option: ChartOption, reducedMotion: boolean): ChartOption {
  return reducedMotion ? { ...option, animation: false } : option;
}
