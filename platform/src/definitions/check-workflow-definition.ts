import { createError, detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import type { Action, Approver, WorkflowDefinition } from '../generated/workflow.ts';
import { collect } from './check-object-definition.ts';
import type { FieldInfo, ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import type { PackRegistry } from '../core/ports.ts';
import { QueryScope, compileFilter } from '../query/index.ts';
import { pointerToken } from '../query/invalid-filter.ts';
import { checkFieldValue } from '../records/field-values.ts';
import { DECISION_EVENTS, actionsOf, approversOf, edgesOf, isFinal, transitionsOf } from '../metadata/workflow-shape.ts';
import { isMessage, msg, type Message } from '../core/messages/message.ts';
import { durationMs } from '../workflow/business-time.ts';

/** Where an approver path leads: the lookup's target object, or a problem. */
function lookupTarget(object: ObjectInfo, snapshot: SchemaSnapshot, path: string): { target: string } | { problem: string | Message } {
  try {
    const resolved = new QueryScope(snapshot, object).resolvePath(path, 'select');
    const field: FieldInfo = resolved.field;
    if (field.type !== 'lookup' || !field.target) return { problem: msg('wfcheck.notALookup', { path }) };
    return { target: field.target };
  } catch (err) {
    return { problem: isAppError(err) ? (err.localized ?? err.message) : msg('wfcheck.unresolvable', { path }) };
  }
}

function checkApprover(approver: Approver, at: string, object: ObjectInfo, snapshot: SchemaSnapshot, details: ErrorDetail[]): void {
  const expect = (key: string, path: string, targets: string[], what: string) => {
    const found = lookupTarget(object, snapshot, path);
    if ('problem' in found) details.push(detail(`${at}/${key}`, found.problem));
    else if (!targets.includes(found.target)) details.push(detail(`${at}/${key}`, msg('wfcheck.lookupTo', { path, what, target: found.target })));
  };
  if ('role' in approver) {
    if (!snapshot.roles.has(approver.role)) details.push(detail(`${at}/role`, msg('wfcheck.notARole', { name: approver.role })));
  } else if ('managerOf' in approver) expect('managerOf', approver.managerOf, ['user'], 'a user');
  else if ('departmentHeadOf' in approver) expect('departmentHeadOf', approver.departmentHeadOf, ['user', 'department'], 'a user or a department');
  else if ('field' in approver) expect('field', approver.field, ['user'], 'a user');
}

/** The fields an action may write: stored, not maintained by the platform. */
function writableField(object: ObjectInfo, name: string): FieldInfo | Message {
  const field = object.fields.get(name);
  if (!field) return msg('wfcheck.notAField', { name, object: object.name });
  if (field.system || field.column === null || field.definition?.readOnly) return msg('wfcheck.notWritable', { name });
  return field;
}

function checkValues(object: ObjectInfo, values: Record<string, unknown>, at: string, details: ErrorDetail[], source?: { object: ObjectInfo; snapshot: SchemaSnapshot }): void {
  for (const [name, value] of Object.entries(values)) {
    const field = writableField(object, name);
    const here = `${at}/${pointerToken(name)}`;
    if (isMessage(field)) {
      details.push(detail(here, field));
      continue;
    }
    const copied = source && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && '$field' in value;
    if (copied) {
      const path = (value as { $field: unknown }).$field;
      if (typeof path !== 'string') details.push(detail(`${here}/$field`, msg('wfcheck.fieldPath')));
      else collect(details, `${here}/$field`, () => new QueryScope(source.snapshot, source.object).resolvePath(path, 'select'));
      continue;
    }
    const checked = checkFieldValue(field, value);
    if (!checked.ok) details.push(detail(here, msg('value.fieldProblem', { field: name, problem: checked.message })));
  }
}

function checkAction(action: Action, at: string, object: ObjectInfo, snapshot: SchemaSnapshot, registry: PackRegistry | undefined, details: ErrorDetail[]): void {
  if ('run' in action) {
    const registered = registry?.workflowAction(action.run);
    if (!registered) details.push(detail(`${at}/run`, msg('wfcheck.noAction', { name: action.run })));
    else for (const d of registered.check?.(action.params ?? {}, object) ?? []) details.push({ ...d, path: `${at}/params${d.path}` });
    return;
  }
  if ('set' in action) checkValues(object, action.set, `${at}/set`, details);
  else if ('createRecord' in action) {
    const target = snapshot.objects.get(action.createRecord.object);
    if (!target || target.system) details.push(detail(`${at}/createRecord/object`, msg('wfcheck.notAnObject', { name: action.createRecord.object })));
    else checkValues(target, action.createRecord.values, `${at}/createRecord/values`, details, { object, snapshot });
  }
}

/** States reachable from `start` following `next`. */
function reachable(start: Iterable<string>, next: (state: string) => Iterable<string>): Set<string> {
  const seen = new Set(start);
  const queue = [...seen];
  while (queue.length) {
    for (const n of next(queue.shift()!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

function checkGraph(def: WorkflowDefinition, details: ErrorDetail[]): void {
  const states = def.states;
  const isState = (name: string) => Object.hasOwn(states, name);
  if (!isState(def.initial)) {
    details.push(detail('/initial', msg('wfcheck.initial', { name: def.initial })));
    return;
  }
  const edges = edgesOf(def);
  for (const e of edges) {
    const many = Array.isArray(states[e.from].on?.[e.event]);
    if (!isState(e.to)) details.push(detail(`/states/${e.from}/on/${e.event}${many ? `/${e.index}` : ''}`, msg('wfcheck.target', { name: e.to })));
  }
  const sent = new Set(edges.map((e) => e.event));
  for (const event of Object.keys(def.events ?? {})) {
    if (!sent.has(event)) details.push(detail(`/events/${event}`, msg('wfcheck.eventUnused', { event })));
  }
  const known = edges.filter((e) => isState(e.to));
  const forward = reachable([def.initial], (s) => known.filter((e) => e.from === s).map((e) => e.to));
  const finals = Object.keys(states).filter((s) => isFinal(states[s]));
  if (!finals.length) details.push(detail('/states', msg('wfcheck.noFinal')));
  const canFinish = reachable(finals, (s) => known.filter((e) => e.to === s).map((e) => e.from));
  for (const name of Object.keys(states)) {
    if (!forward.has(name)) details.push(detail(`/states/${name}`, msg('wfcheck.unreachable', { name, initial: def.initial })));
    else if (finals.length && !canFinish.has(name)) details.push(detail(`/states/${name}`, msg('wfcheck.cannotFinish', { name })));
  }
}

function checkStates(def: WorkflowDefinition, object: ObjectInfo, snapshot: SchemaSnapshot, registry: PackRegistry | undefined, details: ErrorDetail[]): void {
  for (const [name, state] of Object.entries(def.states)) {
    const at = `/states/${name}`;
    const events = Object.keys(state.on ?? {});
    if (isFinal(state)) {
      for (const key of ['on', 'approval', 'timeout'] as const) if (state[key] !== undefined) details.push(detail(`${at}/${key}`, msg('wfcheck.finalHasNothing')));
    } else if (state.locked) {
      // A change to a locked record starts the workflow again, which needs the last instance to have ended.
      details.push(detail(`${at}/locked`, msg('wfcheck.onlyFinalLocks')));
    }
    if (state.lockedFields) {
      if (!state.locked) details.push(detail(`${at}/lockedFields`, msg('wfcheck.lockedFieldsNeedLocked')));
      state.lockedFields.forEach((field, i) => {
        const problem = writableField(object, field);
        if (isMessage(problem)) details.push(detail(`${at}/lockedFields/${i}`, problem));
      });
    }
    if (state.approval) {
      for (const event of DECISION_EVENTS) if (!events.includes(event)) details.push(detail(`${at}/on`, msg('wfcheck.decisionLeads', { event })));
      (state.approval.fields ?? []).forEach((field, i) => {
        if (!object.fields.has(field)) details.push(detail(`${at}/approval/fields/${i}`, msg('wfcheck.notAField', { name: field, object: object.name })));
      });
    } else {
      for (const event of events) if (DECISION_EVENTS.has(event)) details.push(detail(`${at}/on/${event}`, msg('wfcheck.decisionOnlyApproval', { event })));
    }
    const timeout = state.timeout;
    if (timeout) {
      if (!timeout.escalateTo && !timeout.remind && !timeout.event) details.push(detail(`${at}/timeout`, msg('wfcheck.timeoutWhat')));
      if ((timeout.escalateTo || timeout.remind) && !state.approval) details.push(detail(`${at}/timeout`, msg('wfcheck.timeoutNeedsApproval')));
      if (timeout.event && !events.includes(timeout.event)) details.push(detail(`${at}/timeout/event`, msg('wfcheck.timeoutEvent', { event: timeout.event, state: name })));
      if (timeout.calendar && !WORKING_DURATION.test(timeout.after)) details.push(detail(`${at}/timeout/after`, msg('wfcheck.calendarDuration')));
    }
    for (const [event, value] of Object.entries(state.on ?? {})) {
      const many = Array.isArray(value);
      const list = transitionsOf(value);
      list.forEach((t, i) => {
        const tAt = `${at}/on/${event}${many ? `/${i}` : ''}`;
        if (t.when !== undefined) collect(details, `${tAt}/when`, () => compileFilter(t.when, new QueryScope(snapshot, object)));
        else if (i < list.length - 1) details.push(detail(tAt, msg('wfcheck.unconditionalLast')));
      });
    }
    for (const { at: actionAt, action } of actionsOf(name, state)) checkAction(action, actionAt, object, snapshot, registry, details);
  }
}

/** On a calendar a duration counts working time, so it says hours, minutes or seconds only. */
const WORKING_DURATION = /^PT(?=\d)(\d+H)?(\d+M)?(\d+S)?$/;

function checkSlas(def: WorkflowDefinition, object: ObjectInfo, snapshot: SchemaSnapshot, details: ErrorDetail[]): void {
  const names = new Set<string>();
  const states = (list: string[] | undefined, at: string) => (list ?? []).forEach((state, i) => {
    if (!def.states[state]) details.push(detail(`${at}/${i}`, msg('wfcheck.notAState', { name: state })));
  });
  (def.slas ?? []).forEach((sla, i) => {
    const at = `/slas/${i}`;
    if (names.has(sla.name)) details.push(detail(`${at}/name`, msg('wfcheck.slaTwice', { name: sla.name })));
    names.add(sla.name);
    if (sla.calendar ? !WORKING_DURATION.test(sla.after) : durationMs(sla.after) === null) details.push(detail(`${at}/after`, msg(sla.calendar ? 'wfcheck.calendarDuration' : 'wfcheck.slaDuration')));
    if (sla.when !== undefined) collect(details, `${at}/when`, () => compileFilter(sla.when, new QueryScope(snapshot, object)));
    states(sla.startIn, `${at}/startIn`);
    states(sla.pausedIn, `${at}/pausedIn`);
    states(sla.stopIn, `${at}/stopIn`);
    if (sla.event && !Object.entries(def.states).some(([name, state]) => state.on?.[sla.event!] !== undefined && !(sla.stopIn ?? []).includes(name))) {
      details.push(detail(`${at}/event`, msg('wfcheck.slaEvent', { event: sla.event })));
    }
    if (sla.dueField) {
      const field = writableField(object, sla.dueField);
      if (isMessage(field) || field.type !== 'datetime') details.push(detail(`${at}/dueField`, msg('wfcheck.slaDueField', { name: sla.dueField, object: object.name })));
    }
  });
}

/** The calendars a definition counts working time on, with where each is named (checked against the stored calendars). */
export function namedCalendars(def: WorkflowDefinition): { at: string; name: string }[] {
  const out: { at: string; name: string }[] = [];
  for (const [name, state] of Object.entries(def.states)) if (state.timeout?.calendar) out.push({ at: `/states/${name}/timeout/calendar`, name: state.timeout.calendar });
  (def.slas ?? []).forEach((sla, i) => {
    if (sla.calendar) out.push({ at: `/slas/${i}/calendar`, name: sla.calendar });
  });
  return out;
}

/**
 * The checks a JSON Schema cannot express: the object exists, every target is a state, every state is
 * reachable and can reach a final state, approval states say where approve and reject lead, approvers
 * and conditions resolve against the object's fields, actions write real fields with valid values, and
 * `run` actions are registered in `registry` (the context's; without one, none is known and all are refused).
 */
export function checkWorkflowDefinition(def: WorkflowDefinition, snapshot: SchemaSnapshot, registry?: PackRegistry): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const object = snapshot.objects.get(def.object);
  if (!object || object.system) return [detail('/object', msg('wfcheck.notAnObject', { name: def.object }))];
  checkGraph(def, details);
  checkStates(def, object, snapshot, registry, details);
  checkSlas(def, object, snapshot, details);
  for (const { at, approver } of namedApprovers(def)) checkApprover(approver, at, object, snapshot, details);
  return details;
}

/**
 * What deserves the administrator's attention without refusing the definition: an approver role
 * that cannot read the object at all, whose holders see only the approver-facing fields of their tasks.
 */
export function workflowWarnings(def: WorkflowDefinition, snapshot: SchemaSnapshot): ErrorDetail[] {
  const warnings: ErrorDetail[] = [];
  for (const { at, approver } of namedApprovers(def)) {
    if (!('role' in approver) || at.includes('/notify/')) continue;
    const role = snapshot.roles.get(approver.role);
    if (!role || role.superuser || role.objects?.[def.object]?.operations.includes('read')) continue;
    warnings.push(detail(`${at}/role`, msg('wfcheck.approverCannotRead', { role: approver.role, object: def.object })));
  }
  return warnings;
}

/** Every approver a definition names (approvals, escalations, notifications), with where it stands. */
export function namedApprovers(def: WorkflowDefinition): { at: string; approver: Approver }[] {
  const out: { at: string; approver: Approver }[] = [];
  const add = (value: Approver | Approver[], at: string) => approversOf(value).forEach((approver, i) => out.push({ at: Array.isArray(value) ? `${at}/${i}` : at, approver }));
  for (const [name, state] of Object.entries(def.states)) {
    const at = `/states/${name}`;
    if (state.approval) add(state.approval.approvers, `${at}/approval/approvers`);
    if (state.timeout?.escalateTo) add(state.timeout.escalateTo, `${at}/timeout/escalateTo`);
    for (const { at: actionAt, action } of actionsOf(name, state)) if ('notify' in action) add(action.notify.to, `${actionAt}/notify/to`);
  }
  (def.slas ?? []).forEach((sla, i) => {
    if (sla.escalateTo) add(sla.escalateTo, `/slas/${i}/escalateTo`);
  });
  return out;
}

/** The user ids a definition names, to be checked against the users table. */
export function namedUsers(def: WorkflowDefinition): { at: string; id: string }[] {
  return namedApprovers(def).flatMap(({ at, approver }) => ('user' in approver ? [{ at: `${at}/user`, id: approver.user }] : []));
}

export function namedRoles(def: WorkflowDefinition): string[] {
  return [...new Set(namedApprovers(def).flatMap(({ approver }) => ('role' in approver ? [approver.role] : [])))];
}

export function refuseInvalid(details: ErrorDetail[]): void {
  if (details.length) throw createError('VALIDATION_FAILED', msg('workflow.invalid'), details);
}
