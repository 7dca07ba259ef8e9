// The account panel's own strings (merged under packs.analytics.insights by usePackMessages). Labels of
// fields and options come from the account's definition through useLabels().

const en = {
  insights: {
    churn: {
      levels: { high: 'High risk', medium: 'Medium risk', low: 'Low risk' },
      rule: 'Why',
      model: 'model v{version}',
      warning: 'Yes: purchases are falling',
      outcomeKnown: 'no forecast, the outcome is known:',
      none: 'No analysis results for this account yet.',
      noneHint: 'They appear once the churn, RFM, value and cluster analyses have run.',
    },
    crossSell: {
      title: 'Recommended products',
      from: 'From',
      lift: 'lift {value}',
      confidence: '{value} confidence',
      because: 'Because they bought',
      separator: ', ',
      noRun: 'Recommendations come from your own last run of “{analysis}”, and you have not run it yet.',
      noRunHint: 'Open “{analysis}” to run it, then come back to this account.',
      nothing: 'Nothing to recommend: this account already buys what customers like it buy, or its purchases match no rule.',
      noTitle: 'record {id}',
    },
  },
};

const zhCN: typeof en = {
  insights: {
    churn: {
      levels: { high: '高风险', medium: '中风险', low: '低风险' },
      rule: '原因',
      model: '模型 v{version}',
      warning: '是：购买量下降',
      outcomeKnown: '无需预测，结果已知：',
      none: '此客户尚无分析结果。',
      noneHint: '运行流失、RFM、价值和聚类分析后即会显示。',
    },
    crossSell: {
      title: '推荐产品',
      from: '来源',
      lift: '提升度 {value}',
      confidence: '置信度 {value}',
      because: '因为已购买',
      separator: '、',
      noRun: '推荐来自您本人最近一次运行的“{analysis}”，您尚未运行该分析。',
      noRunHint: '打开“{analysis}”运行它，然后回到此客户。',
      nothing: '暂无推荐：此客户已购买同类客户常买的产品，或其购买记录不符合任何规则。',
      noTitle: '记录 {id}',
    },
  },
};

export const insightsMessages = { en, 'zh-CN': zhCN };
