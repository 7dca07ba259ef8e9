// What the pages call each kind of analysis and each state of a run: one wording for the list, the
// definition form and the run page.

export const KIND_NAMES = {
  en: {
    rfm: 'RFM segments', value_matrix: 'Value matrix', churn_warning: 'Churn warning', classifier: 'Prediction (classifier)',
    kmeans: 'Clusters (k-means)', association: 'Bought together', seasonality: 'Seasonality',
  },
  'zh-CN': {
    rfm: 'RFM 细分', value_matrix: '价值矩阵', churn_warning: '流失预警', classifier: '预测（分类器）',
    kmeans: '聚类（k 均值）', association: '关联购买', seasonality: '季节性',
  },
};

export const RUN_STATUS_NAMES = {
  en: { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed' },
  'zh-CN': { queued: '排队中', running: '运行中', succeeded: '完成', failed: '失败' },
};
