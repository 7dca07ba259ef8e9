import { packProblem, type ErrorDetail, type PortalSignUp, type PortalUsers, type RecordData, type SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';

export const PORTAL_ROLE = 'exhibitor_portal';

/** The company details a sign-up carries, as the application records them. */
const COMPANY_FIELDS = ['company_name', 'supply_chain', 'business_role', 'region', 'phone', 'contact_person'] as const;

/** The sign-up's company details: exactly the application's fields; their values are checked when the application is written. */
export function checkCompany(company: RecordData): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(company)) if (!(COMPANY_FIELDS as readonly string[]).includes(key)) problems.push(packProblem(`/company/${key}`, T.unknownProperty));
  for (const key of COMPANY_FIELDS) {
    const value = company[key];
    if (typeof value !== 'string' || !value.trim()) problems.push(packProblem(`/company/${key}`, T.requiredText));
  }
  return problems;
}

/** A verified sign-up becomes an application, submitted to the sales team's approval. */
export async function recordApplication(signUp: PortalSignUp, system: SystemRecordService): Promise<void> {
  const values: RecordData = { email: signUp.email, applicant: signUp.userId };
  for (const key of COMPANY_FIELDS) values[key] = typeof signUp.company[key] === 'string' ? (signUp.company[key] as string).trim() : signUp.company[key];
  // A company the organiser already knows is proposed to the reviewer, who confirms or clears it.
  values.account = await matchingAccount(values, system);
  const application = await system.create('exhibitor_application', values);
  await system.submit('exhibitor_application', String(application.id), { workflow: 'exhibitor_application_approval' });
}

/** An account of the same name or phone number is the applicant's company already known to the organiser. */
async function matchingAccount(application: RecordData, system: SystemRecordService): Promise<string | null> {
  const byName = await system.list('account', { filter: { name: { $eq: application.company_name } }, limit: 1 });
  if (byName.data[0]) return String(byName.data[0].id);
  const byPhone = await system.list('account', { filter: { phone: { $phone: application.phone } }, limit: 1 });
  return byPhone.data[0] ? String(byPhone.data[0].id) : null;
}

/**
 * Approved: the company's account (the existing one the reviewer kept on the application, else a new exhibitor),
 * the contact person on it, and the portal user linked to it with the portal role and welcomed.
 */
export async function activateExhibitor(id: string, system: SystemRecordService, portalUsers: PortalUsers): Promise<void> {
  const application = await system.get('exhibitor_application', id);
  let account = application.account ? String(application.account) : null;
  if (!account) {
    const created = await system.create('account', {
      name: application.company_name, phone: application.phone, email: application.email, region: application.region,
      supply_chain: application.supply_chain, business_role: application.business_role, lifecycle: 'prospect', tags: ['new_exhibitor'],
    });
    account = String(created.id);
  }
  await system.create('contact', { name: application.contact_person, account, mobile: application.phone, email: application.email, key_contact: true });
  await system.update('exhibitor_application', id, { account, status: 'approved', _version: application._version });
  if (application.applicant) {
    await portalUsers.activate(String(application.applicant), { account: { object: 'account', id: account }, roles: [PORTAL_ROLE], welcome: { subject: T.welcomeSubject, text: T.welcomeText } });
  }
}

/** Rejected: the applicant is told by mail. */
export async function refuseApplication(id: string, system: SystemRecordService, portalUsers: PortalUsers): Promise<void> {
  const application = await system.get('exhibitor_application', id);
  await system.update('exhibitor_application', id, { status: 'rejected', _version: application._version });
  if (application.applicant) await portalUsers.mail(String(application.applicant), { subject: T.refusedSubject, text: T.refusedText });
}
