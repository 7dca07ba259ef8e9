import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, putRole } from '../permissions/permission-helpers.ts';
import { AS_OF, accountValues, buildWorld, order, ownOrdersByAccountOwners, putAnalysis, runAnalysis, type World } from './analytics-world.ts';

// Issue 14: each kind of analysis runs end to end as a job, through HTTP, under the permissions of
// whoever starts it; results, write-back, tasks, notifications and recommendations follow.

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(() => w?.t.close());

const idsOf = (records: { id: string }[]) => records.map((r) => r.id).sort();
const accountsOf = (rep: 'a' | 'b') => w.accounts.filter((a) => a.rep === rep);

describe('RFM', () => {
  it("a rep's run counts only the orders and customers in their scope, and writes back only to those", async () => {
    const { run } = await runAnalysis(w.repA.api, 'customer_rfm');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.rows).toBe(w.orders.a);
    expect(run.progress).toBe(100);
    expect(idsOf(run.result.records)).toEqual(idsOf(accountsOf('a')));
    expect(run.result.customers).toBe(12);
    const segments = await accountValues(w.t, 'rfm_segment');
    for (const account of accountsOf('a')) expect(segments.get(account.id), account.name).toEqual(expect.any(String));
    for (const account of accountsOf('b')) expect(segments.get(account.id), account.name).toBeNull();
  });

  it("the manager's run counts the whole department: more rows than either rep", async () => {
    const { run } = await runAnalysis(w.manager.api, 'customer_rfm');
    expect(run.status).toBe('succeeded');
    expect(run.rows).toBe(w.orders.a + w.orders.b);
    expect(run.result.customers).toBe(24);
    const falling = w.accounts.find((a) => a.falling)!;
    const record = run.result.records.find((r: { id: string }) => r.id === falling.id);
    // Its last order is five months old: the least recent customers score 1.
    expect(record).toMatchObject({ r: 1, frequency: 5, title: falling.name });
    expect(run.result.segments.reduce((sum: number, s: { customers: number }) => sum + s.customers, 0)).toBe(24);
    const scores = await accountValues(w.t, 'rfm_scores');
    expect(scores.get(falling.id)).toBe(`${record.r}${record.f}${record.m}`);
    const history = await w.t.admin.get(`/api/records/account/${falling.id}/history`);
    expect(JSON.stringify(history.body)).toContain('rfm_segment');
  });

  it('shows a run only to its starter (and superusers), and lists the analyses each user may run', async () => {
    const mine = (await w.repA.api.get('/api/analyses/customer_rfm/runs')).body.data;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'succeeded', startedBy: w.repA.id, scheduled: false });
    expect((await w.repB.api.get(`/api/analyses/customer_rfm/runs/${mine[0].id}`)).status).toBe(404);
    expect((await w.repB.api.get('/api/analyses/customer_rfm/runs')).body.data).toHaveLength(0);
    expect((await w.t.admin.get(`/api/analyses/customer_rfm/runs/${mine[0].id}`)).status).toBe(200);
    expect((await w.t.admin.get('/api/analyses/customer_rfm/runs')).body.data).toHaveLength(2);
    expect((await w.repA.api.get('/api/records/analysis_run')).status).toBe(403);

    const listed = (await w.repA.api.get('/api/analyses')).body.data;
    expect(listed.map((a: { name: string }) => a.name)).toContain('customer_rfm');
    expect(listed.find((a: { name: string }) => a.name === 'customer_rfm').lastRun).toMatchObject({ id: mine[0].id, status: 'succeeded' });
    await putRole(w.t, 'no_orders', { account: { operations: ['read'] } });
    const outsider = await addUser(w.t, { username: 'an.outsider', roles: ['no_orders'] });
    const theirs = (await outsider.api.get('/api/analyses')).body.data.map((a: { name: string }) => a.name);
    expect(theirs).toContain('customer_clusters');
    expect(theirs).not.toContain('customer_rfm');
  });

  it('refuses with 403, before anything runs, a run that needs a field the caller may not read', async () => {
    await putRole(w.t, 'amount_hidden', {
      order: { operations: ['read'], fields: { amount: 'none' } },
      account: { operations: ['read'], fields: { employees: 'none' } },
    });
    const clerk = await addUser(w.t, { username: 'an.clerk', roles: ['amount_hidden'] });
    const rfm = await clerk.api.post('/api/analyses/customer_rfm/run');
    expect(rfm.status, JSON.stringify(rfm.body)).toBe(403);
    const classifier = await clerk.api.post('/api/analyses/churn_prediction/run');
    expect(classifier.status, JSON.stringify(classifier.body)).toBe(403);
    expect((await clerk.api.get('/api/analyses/customer_rfm/runs')).body.data).toHaveLength(0);
    expect((await w.t.admin.get('/api/analyses/churn_prediction/runs')).body.data).toHaveLength(0);
  });
});

describe('churn warning', () => {
  it('flags the current customers whose orders stopped, with a task and a notification for their owner', async () => {
    const { run } = await runAnalysis(w.manager.api, 'purchase_drop_warning');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const falling = w.accounts.filter((a) => a.falling);
    expect(idsOf(run.result.newlyFlagged)).toEqual(idsOf(falling));
    // The big accounts are the current customers; the lost ones are not judged at all.
    expect(idsOf(run.result.records)).toEqual(idsOf(w.accounts.filter((a) => a.big)));
    expect(run.result).toMatchObject({ flagged: 3, steady: 9, tasks: 3, notifications: 3 });
    const flagged = await accountValues(w.t, 'churn_warning');
    for (const account of w.accounts) expect(flagged.get(account.id), account.name).toBe(account.falling);

    const fallingOfA = falling.filter((a) => a.rep === 'a');
    const tasks = (await w.repA.api.get(`/api/records/sales_task?filter=${encodeURIComponent(JSON.stringify({ assignee: w.repA.id }))}`)).body.data;
    expect(tasks.map((task: { account: string }) => String(task.account)).sort()).toEqual(idsOf(fallingOfA));
    expect(tasks[0].subject).toContain('Churn warning');
    expect(tasks[0].due_date).toBe(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    const notes = (await w.repA.api.get('/api/notifications')).body.data.filter((n: { object: string }) => n.object === 'account');
    expect(notes.map((n: { recordId: string }) => n.recordId).sort()).toEqual(idsOf(fallingOfA));

    // Flagged again on the next run, but no longer new: no second task.
    const again = await runAnalysis(w.manager.api, 'purchase_drop_warning');
    expect(again.run.result).toMatchObject({ flagged: 3, tasks: 0, newlyFlagged: [] });
    expect(again.run.result.changes).toMatchObject({ movedCount: 0, entered: 0, left: 0 });
  });
});

describe('value matrix', () => {
  it('puts every account in a quadrant of current against potential value', async () => {
    await putAnalysis(w.t.admin, {
      name: 'credit_value', kind: 'value_matrix', source: { object: 'account' },
      params: { current: { object: 'order', customer: 'account', fn: 'sum', field: 'amount', date: 'order_date', months: 12 }, potential: { field: 'credit_limit' }, asOf: AS_OF },
      writeBack: { quadrant: 'value_quadrant' },
    });
    const { run } = await runAnalysis(w.manager.api, 'credit_value');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.result.quadrants.map((q: { key: string; customers: number }) => [q.key, q.customers])).toEqual([['most_valuable', 12], ['growth', 0], ['maintain', 0], ['low_value', 12]]);
    expect(idsOf(run.result.valuable)).toEqual(idsOf(w.accounts.filter((a) => a.big)));
    expect(idsOf(run.result.problem)).toEqual(idsOf(w.accounts.filter((a) => !a.big)));
    const quadrants = await accountValues(w.t, 'value_quadrant');
    for (const account of w.accounts) expect(quadrants.get(account.id)).toBe(account.big ? 'most_valuable' : 'low_value');
  });
});

describe('classifier', () => {
  it('learns which accounts are lost, scores every account in scope with its rule, and keeps the scoring', async () => {
    await putAnalysis(w.t.admin, {
      name: 'lost_accounts', kind: 'classifier', source: { object: 'account' }, features: ['region', 'employees', 'industry'], target: 'lifecycle', positive: 'lost',
      params: { algorithm: 'tree', maxDepth: 3, minLeaf: 2, testShare: 0.25, seed: 3 },
      writeBack: { probability: 'churn_probability', modelVersion: 'churn_model_version', rule: 'churn_rule' },
    });
    const { run } = await runAnalysis(w.manager.api, 'lost_accounts');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.modelVersion).toBe(1);
    expect(run.result).toMatchObject({ scored: 24, labelled: 24, trainingRows: 18, testRows: 6, auc: 1, metrics: { accuracy: 1 } });
    expect(run.result.confusionMatrix).toEqual({ truePositives: 3, falsePositives: 0, trueNegatives: 3, falseNegatives: 0 });
    expect(run.result.roc[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(run.result.importance[0]).toMatchObject({ feature: 'employees', share: 1 });
    expect(run.result.rules.map((r: { text: { en: string } }) => r.text.en)).toEqual(['IF Employees < 2000 THEN Lifecycle = Lost, p = 1.00', 'IF Employees ≥ 2000 THEN Lifecycle ≠ Lost, p = 0.00']);
    expect(run.result.rules.map((r: { text: { 'zh-CN': string } }) => r.text['zh-CN'])).toContain('如果 员工人数 < 2000 那么 生命周期 = 流失客户，p = 1.00');
    expect(run.result.trackRecord).toEqual([]);

    const probability = await accountValues(w.t, 'churn_probability');
    const rule = await accountValues(w.t, 'churn_rule');
    const version = await accountValues(w.t, 'churn_model_version');
    for (const account of w.accounts) {
      expect(probability.get(account.id)).toBe(account.big ? 0 : 1);
      expect(version.get(account.id)).toBe(1);
      expect(rule.get(account.id)).toMatch(account.big ? /^IF Employees ≥ 2000 THEN Lifecycle ≠ Lost, p = 0\.00\n如果/ : /^IF Employees < 2000 THEN/);
    }
    const batches = (await w.t.admin.get('/api/records/analysis_prediction')).body.data;
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ analysis: 'lost_accounts', model_version: 1 });
    expect(batches[0].predictions).toHaveLength(24);
  });
});

describe('k-means', () => {
  it('finds the big and the small accounts and writes their cluster back', async () => {
    const { run } = await runAnalysis(w.manager.api, 'customer_clusters');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.result.k).toBe(2);
    expect(run.result.profiles.map((p: { size: number }) => p.size)).toEqual([12, 12]);
    const clusters = await accountValues(w.t, 'cluster');
    const bigCluster = clusters.get(w.accounts.find((a) => a.big)!.id);
    for (const account of w.accounts) expect(clusters.get(account.id) === bigCluster, account.name).toBe(account.big);
  });
});

describe('association rules and recommendations', () => {
  it('finds the products bought together, and recommends what a customer does not own yet', async () => {
    // The world's accounts buy one product every other month: a basket is everything an account bought
    // (the shipped product_pairs reads account × month baskets, for the demo's monthly reorders).
    await putAnalysis(w.t.admin, {
      name: 'account_products', kind: 'association', source: { object: 'order', filter: { status: { $ne: 'cancelled' } }, customer: 'account', item: 'product' },
      params: { transaction: 'customer', minSupport: 0.02, minConfidence: 0.3, maxLength: 3 },
    });
    const { run } = await runAnalysis(w.manager.api, 'account_products');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.result.transactions).toBe(24);
    const switchToRouter = run.result.rules.find((r: any) => r.antecedent.length === 1 && r.antecedent[0].id === w.products.switch && r.consequent.length === 1 && r.consequent[0].id === w.products.router);
    expect(switchToRouter).toMatchObject({ count: 12, support: 0.5, confidence: 1, lift: 1.3333, consequent: [{ title: 'Router' }] });

    // Account 12 bought routers and cables: servers go with cables (lift 2), switches with routers (lift 1.33).
    const account = w.accounts[12];
    const recommended = await w.manager.api.get(`/api/analyses/account_products/recommendations/${account.id}`);
    expect(recommended.status, JSON.stringify(recommended.body)).toBe(200);
    expect(recommended.body.data).toEqual([
      { item: { id: w.products.server, title: 'Server' }, lift: 2, confidence: 0.5, support: 0.25, because: [{ id: w.products.cable, title: 'Cable' }] },
      { item: { id: w.products.switch, title: 'Switch' }, lift: 1.3333, confidence: 0.6667, support: 0.5, because: [{ id: w.products.router, title: 'Router' }] },
    ]);

    // Only for a record the caller may read, and from the caller's own run.
    const ofB = w.accounts.find((a) => a.rep === 'b')!;
    expect((await w.repA.api.get(`/api/analyses/account_products/recommendations/${ofB.id}`)).status).toBe(404);
    expect((await w.repA.api.get(`/api/analyses/account_products/recommendations/${accountsOf('a')[0].id}`)).status).toBe(409);
    expect((await w.manager.api.get(`/api/analyses/customer_rfm/recommendations/${account.id}`)).status).toBe(400);
  });
});

describe('seasonality', () => {
  it('gives the seasonal index of a month whose sales stand out', async () => {
    const heater = (await w.t.admin.post('/api/records/product', { name: 'Heater' })).body.id;
    const buyer = w.accounts[0].id;
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month++) await order(w.t, buyer, heater, month === 1 ? 12_000 : 1_000, `${year}-${String(month).padStart(2, '0')}-15`);
    }
    await ownOrdersByAccountOwners(w.t);
    await putAnalysis(w.t.admin, { name: 'heater_season', kind: 'seasonality', source: { object: 'order', filter: { product: { $eq: heater } }, date: 'order_date', amount: 'amount', segment: 'account.region' }, params: { periods: ['month', 'weekday'] } });
    const { run } = await runAnalysis(w.manager.api, 'heater_season');
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.rows).toBe(24);
    const months = run.result.indexes.month;
    // January: 12,000 against a mean month of 23,000 / 12.
    expect(months[0]).toMatchObject({ period: 1, index: 6.2609, years: 2 });
    expect(months.slice(1).every((m: { index: number }) => m.index === 0.5217)).toBe(true);
    expect(run.result.monthly).toHaveLength(24);
    expect(run.result.segments).toEqual([expect.objectContaining({ value: 'Chongqing' })]);
    expect(run.result.indexes.week).toBeUndefined();
  });
});
