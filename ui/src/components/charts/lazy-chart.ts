import { defineAsyncComponent } from 'vue';

/** The ECharts wrapper, loaded on first use so that the first screen does not carry ECharts. */
export const LazyChart = defineAsyncComponent(() => import('./EChart.vue'));
