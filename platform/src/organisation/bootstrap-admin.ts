import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';
import { addClosureNode } from './closure-table.ts';
import { departmentTree } from './department-tree.ts';
import { managerChain } from './manager-chain.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';

export const ADMIN_ROLE = { name: 'admin', label: { en: 'Administrator', 'zh-CN': '系统管理员' }, superuser: true, objects: {} };

/**
 * On the first start of an empty database: the `admin` role and user. The password comes from
 * ADMIN_PASSWORD or is generated and printed once; it is never logged again.
 */
export async function bootstrapAdmin(db: Knex, adminPassword: string | undefined, log: Logger): Promise<{ created: boolean; password?: string }> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(727001)');
    const existing = await trx('users').first('id');
    if (existing) return { created: false };
    await trx('roles').insert({ name: ADMIN_ROLE.name, document: JSON.stringify(ADMIN_ROLE) }).onConflict('name').ignore();
    const [department] = await trx('departments').insert({ name: 'Headquarters' }).returning('id');
    const password = adminPassword ?? generatePassword();
    await addClosureNode(departmentTree, String(department.id), null, trx);
    const [user] = await trx('users').insert({
      username: 'admin',
      name: 'Administrator',
      password_hash: await hashPassword(password),
      department: department.id,
      roles: [ADMIN_ROLE.name],
    }).returning('id');
    await addClosureNode(managerChain, String(user.id), null, trx);
    if (!adminPassword) {
      log.warn('Created the admin user with a generated password (shown once)');
      process.stdout.write(`\n  Tessera admin user created.  username: admin   password: ${password}\n\n`);
    }
    return { created: true, password };
  });
}
