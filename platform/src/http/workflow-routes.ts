import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { recallRecord, submitRecord, transitionRecord } from '../workflow/instances.ts';
import { decideTask, delegateTask, listTasks } from '../workflow/tasks.ts';
import { workflowView } from '../workflow/workflow-view.ts';
import { listNotifications, markNotificationsRead } from '../workflow/notifications.ts';
import type { InstanceSummary, TaskDecision } from './api-types.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

const instanceBody = (i: InstanceSummary): InstanceSummary => ({ id: i.id, workflow: i.workflow, version: i.version, state: i.state, status: i.status });

/** SPEC 5.5 on records: submit, transition, recall and the workflow view (added to the records router). */
export function addRecordWorkflowRoutes(router: Router): void {
  router.post('/:object/:id/submit', async (req, res) => {
    res.json(instanceBody(await submitRecord(req.params.object, req.params.id, req.body, ctxOf(req))));
  });
  router.post('/:object/:id/transition', async (req, res) => {
    res.json(instanceBody(await transitionRecord(req.params.object, req.params.id, req.body, ctxOf(req))));
  });
  router.post('/:object/:id/recall', async (req, res) => {
    res.json(instanceBody(await recallRecord(req.params.object, req.params.id, req.body, ctxOf(req))));
  });
  router.get('/:object/:id/workflow', async (req, res) => {
    res.json(await workflowView(req.params.object, req.params.id, ctxOf(req)));
  });
}

/** The caller's approval queue and decisions. */
export function taskRoutes(): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const limit = typeof req.query.limit === 'string' ? Number(req.query.limit) : undefined;
    if (limit !== undefined && !Number.isInteger(limit)) throw createError('BAD_REQUEST', msg('http.mustBeWholeNumber', { name: 'limit' }), [{ path: '/limit', message: msg('http.wholeNumber') }]);
    res.json(await listTasks({ status: typeof req.query.status === 'string' ? req.query.status : undefined, limit }, ctxOf(req)));
  });
  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/:id/${decision}`, async (req, res) => {
      const result = await decideTask(req.params.id, decision, req.body, ctxOf(req));
      res.json({ task: result.task, decided: result.decided, instance: instanceBody(result.instance) } satisfies TaskDecision);
    });
  }
  router.post('/:id/delegate', async (req, res) => {
    res.json(await delegateTask(req.params.id, req.body, ctxOf(req)));
  });
  return router;
}

/** In-app notifications with the unread count. */
export function notificationRoutes(): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await listNotifications({ unread: req.query.unread === 'true', limit: req.query.limit }, ctxOf(req)));
  });
  router.post('/read', async (req, res) => {
    res.json(await markNotificationsRead(req.body, ctxOf(req)));
  });
  return router;
}
