import { detail, type ErrorDetail } from '../core/errors.ts';
import type { FieldAccessMap, LoginRules, ObjectGrant, RoleDocument, SingleScope } from '../generated/role.ts';
import { collect } from './check-object-definition.ts';
import type { ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import { QueryScope, SAMPLE_USER_VARIABLES, compileFilter } from '../query/index.ts';
import { pointerToken } from '../query/invalid-filter.ts';
import { parseCidr } from '../core/parse-cidr.ts';
import { msg } from '../core/messages/message.ts';


function checkFields(fields: FieldAccessMap | undefined, object: ObjectInfo, at: string, details: ErrorDetail[]) {
  for (const name of Object.keys(fields ?? {})) {
    if (name !== '*' && !object.fields.has(name)) {
      details.push(detail(`${at}/${pointerToken(name)}`, msg('rolecheck.notAField', { name, object: object.name })));
    }
  }
}

function checkObjectGrant(grant: ObjectGrant, object: ObjectInfo, at: string, schema: SchemaSnapshot, details: ErrorDetail[]) {
  const granted = new Set(grant.operations);
  for (const [operation, scope] of Object.entries(grant.scope ?? {})) {
    const scopeAt = `${at}/scope/${pointerToken(operation)}`;
    if (!granted.has(operation)) details.push(detail(scopeAt, msg('rolecheck.notGranted', { operation, object: object.name })));
    const parts: [SingleScope, string][] = Array.isArray(scope) ? scope.map((s, i) => [s, `${scopeAt}/${i}`]) : [[scope, scopeAt]];
    for (const [part, partAt] of parts) {
      if (typeof part === 'string') continue;
      collect(details, `${partAt}/filter`, () => compileFilter(part.filter, new QueryScope(schema, object, { variables: SAMPLE_USER_VARIABLES })));
    }
  }
  checkFields(grant.fields, object, `${at}/fields`, details);
  for (const [state, stateGrant] of Object.entries(grant.states ?? {})) {
    const stateAt = `${at}/states/${pointerToken(state)}`;
    (stateGrant.operations ?? []).forEach((operation, i) => {
      if (!granted.has(operation)) details.push(detail(`${stateAt}/operations/${i}`, msg('rolecheck.notGranted', { operation, object: object.name })));
    });
    checkFields(stateGrant.fields, object, `${stateAt}/fields`, details);
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkLogin(login: LoginRules, details: ErrorDetail[]) {
  (login.allowedCidrs ?? []).forEach((cidr, i) => {
    if (!parseCidr(cidr)) details.push(detail(`/login/allowedCidrs/${i}`, msg('rolecheck.cidr', { cidr })));
  });
  const hours = login.allowedHours;
  if (!hours) return;
  if (hours.from === hours.to) details.push(detail('/login/allowedHours/to', msg('rolecheck.hoursDiffer')));
  if (!isTimeZone(hours.tz)) details.push(detail('/login/allowedHours/tz', msg('rolecheck.timeZone', { tz: hours.tz })));
}

/**
 * The checks a JSON Schema cannot express: objects and fields must exist in the current schema,
 * scoped operations must be granted, filter scopes must compile, networks and time zones must be real.
 */
export function checkRoleDocument(role: RoleDocument, schema: SchemaSnapshot): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (role.login) checkLogin(role.login, details);
  for (const [name, grant] of Object.entries(role.objects ?? {})) {
    const at = `/objects/${pointerToken(name)}`;
    const object = schema.objects.get(name);
    if (!object || object.system) details.push(detail(at, msg('rolecheck.notAnObject', { name })));
    else checkObjectGrant(grant, object, at, schema, details);
  }
  for (const [key, objectName] of [['users', 'user'], ['departments', 'department']] as const) {
    const profile = schema.objects.get(objectName);
    for (const name of Object.keys(role[key]?.fields ?? {})) {
      if (name !== '*' && !profile?.fields.has(name)) details.push(detail(`/${key}/fields/${pointerToken(name)}`, msg('rolecheck.notAProfileField', { name, object: objectName })));
    }
  }
  return details;
}
