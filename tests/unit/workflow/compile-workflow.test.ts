import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../platform/src/generated/workflow.ts';
import { compileCacheStats, compileWorkflow, loadCompiledWorkflow } from '../../../platform/src/workflow/compile-workflow.ts';

const definition = (states: WorkflowDefinition['states'], initial = 'draft', name = 'w'): WorkflowDefinition => ({ name, object: 'deal', initial, states });
const setStage = (stage: string) => ({ set: { stage } });

describe('compileWorkflow step', () => {
  it('moves a submitted record from the initial state', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: 'review' } }, review: { on: { finish: 'done' } }, done: { type: 'final' } }), 3);
    expect(workflow.version).toBe(3);
    expect(workflow.definition.name).toBe('w');
    expect(workflow.step('draft', { type: 'submit' })).toEqual({ state: 'review', final: false, changed: true, actions: [] });
  });

  it('tries guarded transitions in order: the first condition that holds wins', () => {
    const workflow = compileWorkflow(definition({
      draft: {
        on: {
          submit: [
            { target: 'big', when: { amount: { $gt: 1000 } } },
            { target: 'medium', when: { amount: { $gt: 100 } } },
            { target: 'small' },
          ],
        },
      },
      big: { type: 'final' }, medium: { type: 'final' }, small: { type: 'final' },
    }), 1);
    const submit = (conditions: Record<string, boolean>) => workflow.step('draft', { type: 'submit', conditions }).state;
    expect(submit({ 'draft.submit.0': true, 'draft.submit.1': true })).toBe('big');
    expect(submit({ 'draft.submit.0': false, 'draft.submit.1': true })).toBe('medium');
    expect(submit({ 'draft.submit.0': false, 'draft.submit.1': false })).toBe('small');
    expect(submit({})).toBe('small');
    expect(workflow.step('draft', { type: 'submit' }).state).toBe('small');
  });

  it('stays put when no condition holds and there is no fallback', () => {
    const workflow = compileWorkflow(definition({
      draft: { on: { submit: { target: 'done', when: { amount: { $gt: 0 } } } }, entry: [setStage('draft')], exit: [setStage('left')] },
      done: { type: 'final' },
    }), 1);
    expect(workflow.step('draft', { type: 'submit', conditions: { 'draft.submit.0': false } })).toEqual({ state: 'draft', final: false, changed: false, actions: [] });
    expect(workflow.step('draft', { type: 'submit', conditions: { 'draft.submit.0': true } })).toMatchObject({ state: 'done', final: true, changed: true });
  });

  it('only counts a verdict of true', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: [{ target: 'done', when: { amount: { $gt: 0 } } }, { target: 'other' }] } }, done: { type: 'final' }, other: { type: 'final' } }), 1);
    expect(workflow.step('draft', { type: 'submit', conditions: { 'draft.submit.1': true } }).state).toBe('other');
    expect(workflow.step('draft', { type: 'submit', conditions: { 'draft.submit.0': 'yes' as unknown as boolean } }).state).toBe('other');
  });

  it('leaves the state alone for an event it does not handle', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: 'done' }, exit: [setStage('left')] }, done: { type: 'final' } }), 1);
    expect(workflow.step('draft', { type: 'approve' })).toEqual({ state: 'draft', final: false, changed: false, actions: [] });
  });

  it('reports a final state once reached', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: 'review' } }, review: { on: { approve: 'approved', reject: 'rejected' } }, approved: { type: 'final' }, rejected: { type: 'final' } }), 1);
    expect(workflow.step('review', { type: 'approve' })).toEqual({ state: 'approved', final: true, changed: true, actions: [] });
    expect(workflow.step('review', { type: 'reject' })).toMatchObject({ state: 'rejected', final: true, changed: true });
  });

  it('does nothing for events in a final state', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: 'done' } }, done: { type: 'final', entry: [setStage('won')], exit: [setStage('lost')] } }), 1);
    expect(workflow.step('done', { type: 'submit' })).toEqual({ state: 'done', final: true, changed: false, actions: [] });
    expect(workflow.step('done', { type: 'reopen' })).toEqual({ state: 'done', final: true, changed: false, actions: [] });
  });

  it('returns the exit actions of the old state, then the transition actions, then the entry actions of the new state', () => {
    const notify = { notify: { to: { role: 'finance' }, message: { en: 'Please decide' } } };
    const hook = { webhook: { url: 'https://example.com/submitted' } };
    const workflow = compileWorkflow(definition({
      draft: {
        entry: [setStage('draft')],
        exit: [setStage('submitted'), hook],
        on: { submit: [{ target: 'review', when: { amount: { $gt: 0 } }, actions: [{ set: { flagged: true } }] }, { target: 'review', actions: [{ set: { flagged: false } }, notify] }] },
      },
      review: { entry: [notify, setStage('in_review')], exit: [setStage('decided')], on: { approve: 'done', reject: 'draft' } },
      done: { type: 'final', entry: [setStage('won')] },
    }), 1);
    expect(workflow.step('draft', { type: 'submit' })).toEqual({
      state: 'review', final: false, changed: true,
      actions: [
        { at: '/states/draft/exit/0', action: setStage('submitted') },
        { at: '/states/draft/exit/1', action: hook },
        { at: '/states/draft/on/submit/1/actions/0', action: { set: { flagged: false } } },
        { at: '/states/draft/on/submit/1/actions/1', action: notify },
        { at: '/states/review/entry/0', action: notify },
        { at: '/states/review/entry/1', action: setStage('in_review') },
      ],
    });
    expect(workflow.step('draft', { type: 'submit', conditions: { 'draft.submit.0': true } }).actions.map((a) => a.at)).toEqual([
      '/states/draft/exit/0', '/states/draft/exit/1', '/states/draft/on/submit/0/actions/0', '/states/review/entry/0', '/states/review/entry/1',
    ]);
    expect(workflow.step('review', { type: 'approve' }).actions).toEqual([
      { at: '/states/review/exit/0', action: setStage('decided') },
      { at: '/states/done/entry/0', action: setStage('won') },
    ]);
    expect(workflow.step('review', { type: 'reject' }).actions.map((a) => a.at)).toEqual(['/states/review/exit/0', '/states/draft/entry/0']);
  });

  it('points at the actions of a single transition without a list index', () => {
    const workflow = compileWorkflow(definition({ draft: { on: { submit: { target: 'done', actions: [setStage('sent')] } } }, done: { type: 'final' } }), 1);
    expect(workflow.step('draft', { type: 'submit' }).actions).toEqual([{ at: '/states/draft/on/submit/actions/0', action: setStage('sent') }]);
  });

  // A transition back into the same state is taken (a timeout event that reminds, say): it is a change, and its actions run.
  it('counts a transition to the same state as taken', () => {
    const remind = { notify: { to: { role: 'finance' }, message: { en: 'Still waiting' } } };
    const workflow = compileWorkflow(definition({ draft: { on: { nudge: { target: 'draft', actions: [remind] }, submit: 'done' } }, done: { type: 'final' } }), 1);
    const result = workflow.step('draft', { type: 'nudge' });
    expect(result.state).toBe('draft');
    expect(result.actions).toEqual(expect.arrayContaining([{ at: '/states/draft/on/nudge/actions/0', action: remind }]));
    expect(result.changed).toBe(true);
  });
});

describe('compileWorkflow conditions and events', () => {
  const workflow = compileWorkflow(definition({
    draft: {
      on: {
        submit: [{ target: 'big', when: { amount: { $gt: 1000 } } }, { target: 'done', when: { stage: 'open' } }, 'done'],
        check: { target: 'done', when: { amount: { $eq: 0 } } },
        cancel: 'done',
      },
    },
    big: { on: { approve: 'done', reject: 'draft' } },
    done: { type: 'final' },
  }), 1);

  it('lists the conditions an event may test, by id, skipping unguarded transitions', () => {
    expect(workflow.conditionsFor('draft', 'submit')).toEqual([
      { id: 'draft.submit.0', filter: { amount: { $gt: 1000 } } },
      { id: 'draft.submit.1', filter: { stage: 'open' } },
    ]);
    expect(workflow.conditionsFor('draft', 'check')).toEqual([{ id: 'draft.check.0', filter: { amount: { $eq: 0 } } }]);
    expect(workflow.conditionsFor('draft', 'cancel')).toEqual([]);
    expect(workflow.conditionsFor('big', 'approve')).toEqual([]);
    expect(workflow.conditionsFor('draft', 'approve')).toEqual([]);
    expect(workflow.conditionsFor('nowhere', 'submit')).toEqual([]);
  });

  it('uses the listed ids as the keys of the verdicts', () => {
    const [, second] = workflow.conditionsFor('draft', 'submit');
    expect(workflow.step('draft', { type: 'submit', conditions: { [second!.id]: true } })).toMatchObject({ state: 'done', changed: true });
    expect(workflow.step('draft', { type: 'check', conditions: { 'draft.check.0': true } }).state).toBe('done');
  });

  it('says whether a state handles an event', () => {
    expect(workflow.handles('draft', 'submit')).toBe(true);
    expect(workflow.handles('draft', 'check')).toBe(true);
    expect(workflow.handles('big', 'approve')).toBe(true);
    expect(workflow.handles('draft', 'approve')).toBe(false);
    expect(workflow.handles('done', 'submit')).toBe(false);
    expect(workflow.handles('nowhere', 'submit')).toBe(false);
    expect(workflow.handles('draft', 'constructor')).toBe(false);
    expect(workflow.handles('draft', 'toString')).toBe(false);
  });
});

describe('compiled workflow cache', () => {
  const database = {};
  const compiled = (definition: WorkflowDefinition, version: number, on: object = database) => loadCompiledWorkflow(on, definition.name, version, async () => definition);

  it('returns the same machine for the same name and version, and counts hits and misses', async () => {
    const v1 = definition({ draft: { on: { submit: 'done' } }, done: { type: 'final' } }, 'draft', 'cache_probe');
    const before = compileCacheStats();
    const first = await compiled(v1, 1);
    const again = await compiled(v1, 1);
    expect(again).toBe(first);
    expect(compileCacheStats()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });

    const v2 = definition({ draft: { on: { submit: 'sent' } }, sent: { type: 'final' } }, 'draft', 'cache_probe');
    const second = await compiled(v2, 2);
    expect(second).not.toBe(first);
    expect(second.version).toBe(2);
    expect(second.step('draft', { type: 'submit' }).state).toBe('sent');
    expect((await compiled(v1, 1)).step('draft', { type: 'submit' }).state).toBe('done');
    expect(compileCacheStats()).toEqual({ hits: before.hits + 2, misses: before.misses + 2 });
  });

  it('keeps workflows with different names apart at the same version', async () => {
    const a = await compiled(definition({ draft: { on: { go: 'a_done' } }, a_done: { type: 'final' } }, 'draft', 'cache_a'), 1);
    const b = await compiled(definition({ draft: { on: { go: 'b_done' } }, b_done: { type: 'final' } }, 'draft', 'cache_b'), 1);
    expect(b).not.toBe(a);
    expect(a.step('draft', { type: 'go' }).state).toBe('a_done');
    expect(b.step('draft', { type: 'go' }).state).toBe('b_done');
  });

  it("keeps two databases' workflows of one name and version apart", async () => {
    const here = await compiled(definition({ draft: { on: { go: 'here' } }, here: { type: 'final' } }, 'draft', 'cache_shared'), 1);
    const there = await compiled(definition({ draft: { on: { go: 'there' } }, there: { type: 'final' } }, 'draft', 'cache_shared'), 1, {});
    expect(here.step('draft', { type: 'go' }).state).toBe('here');
    expect(there.step('draft', { type: 'go' }).state).toBe('there');
  });
});
