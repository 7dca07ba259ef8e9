import type { Knex } from 'knex';
import type { Label } from '../core/messages/message.ts';
import { bothLanguages, msg } from '../core/messages/message.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { notifyUsers } from './notifications.ts';
import type { InstanceRow } from './transition-step.ts';
import { directoryNames } from '../organisation/directory-names.ts';

/**
 * A state as people read it: its label, else its name made readable (`manager_review` → "Manager
 * review"), in either language — never the name itself.
 */
function stateName(definition: WorkflowDefinition, state: string): Label {
  const label = definition.states[state]?.label;
  if (label) return label;
  const words = state.replace(/_/g, ' ');
  const readable = words.charAt(0).toUpperCase() + words.slice(1);
  return { en: readable, 'zh-CN': readable };
}

export interface Decision {
  db: Knex;
  definition: WorkflowDefinition;
  instance: InstanceRow;
  actor: string;
  comment: string | null;
}

/**
 * A rejection that decided its round tells the submitter who rejected, where, and why; a rejection
 * back to an earlier step names that step too.
 */
export async function noticeOfRejection(d: Decision, to: string | null): Promise<void> {
  const submitter = d.instance.submitted_by;
  if (!submitter || submitter === d.actor) return;
  const user = (await directoryNames(d.db, 'user', [d.actor])).get(d.actor) ?? d.actor;
  const state = stateName(d.definition, d.instance.state);
  const comment = d.comment?.trim() || null;
  const message = to === null
    ? (comment ? msg('notification.rejectedWithComment', { user, state, comment }) : msg('notification.rejected', { user, state }))
    : (comment ? msg('notification.sentBackWithComment', { user, state, to: stateName(d.definition, to), comment }) : msg('notification.sentBack', { user, state, to: stateName(d.definition, to) }));
  await notifyUsers(d.db, [submitter], bothLanguages(message), d.instance.object, d.instance.record_id);
}

/**
 * A decision that leaves a countersign (or vote) round open tells the approvers still pending who
 * decided and whom the round still waits for.
 */
export async function noticeToPendingApprovers(d: Decision, decision: 'approve' | 'reject'): Promise<void> {
  const open: { assignee: string | number }[] = await d.db('workflow_tasks')
    .where({ instance_id: d.instance.id, round: d.instance.round, status: 'open' })
    .orderBy('id')
    .select('assignee');
  const pending = [...new Set(open.map((r) => String(r.assignee)))].filter((id) => id !== d.actor);
  if (!pending.length) return;
  const names = await directoryNames(d.db, 'user', [d.actor, ...pending]);
  const params = { user: names.get(d.actor) ?? d.actor, state: stateName(d.definition, d.instance.state), pending: pending.map((id) => names.get(id) ?? id) };
  const message = decision === 'approve' ? msg('notification.approvedStillWaiting', params) : msg('notification.rejectedStillWaiting', params);
  await notifyUsers(d.db, pending, bothLanguages(message), d.instance.object, d.instance.record_id);
}
