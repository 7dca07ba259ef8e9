import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, importCsv, putRole, seed, type Person } from '../permissions/permission-helpers.ts';

// An import resolves a batch's lookup cells in one query per target: records matched by id and
// records matched by title, both within the importer's read scope.

let t: TestApp;
let importer: Person;
const branch: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, definition] of Object.entries({
    branch: { titleField: 'name', fields: [{ name: 'name', type: 'text', required: true }] },
    visit: { fields: [{ name: 'branch', type: 'lookup', target: 'branch', required: true }, { name: 'note', type: 'text' }] },
  })) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await putRole(t, 'visit_importer', {
    visit: { operations: ['read', 'create', 'import'] },
    branch: { operations: ['read'], scope: { read: 'own' } },
  });
  importer = await addUser(t, { roles: ['visit_importer'] });
  const own = { owner: importer.id };
  branch.north = await seed(t, 'branch', { name: 'North' }, own);
  branch.south = await seed(t, 'branch', { name: 'South' });
  branch.twinA = await seed(t, 'branch', { name: 'Twin' }, own);
  branch.twinB = await seed(t, 'branch', { name: 'Twin' }, own);
  // Titles that read as ids: of a branch the importer may read, and of one they may not.
  branch.namedAfterNorth = await seed(t, 'branch', { name: branch.north }, own);
  branch.namedAfterSouth = await seed(t, 'branch', { name: branch.south }, own);
});
afterAll(() => t?.close());

describe('lookup cells of an import', () => {
  const csv = () => [
    'branch,note',
    'North,by title',
    `${branch.north},by id before a title that reads the same`,
    'South,title of a branch the importer may not read',
    `${branch.south},id the importer may not read is the title of one they may`,
    'Twin,two branches have this title',
    `${branch.twinA},by id where the title is ambiguous`,
  ].join('\n');

  it('match by id or by title, within the importer\'s read scope, in the dry run and the real run', async () => {
    const dry = await importCsv(importer.api, 'visit', csv(), '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ total: 6, valid: 4, invalid: 2 });
    expect(dry.body.errors).toEqual([
      { row: 4, field: 'branch', message: expect.stringContaining("'South', which matches no branch record") },
      { row: 6, field: 'branch', message: expect.stringContaining("'Twin', which matches 2 branch records") },
    ]);

    const job = await importCsv(importer.api, 'visit', csv(), '?wait=true&skipInvalid=true');
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    expect(job.body).toMatchObject({ status: 'done', total: 6, inserted: 4, failed: 2 });
    const visits = await t.admin.get('/api/records/visit?sort=id&limit=10&fields=branch,note');
    expect(visits.body.data.map((v: { branch: unknown; note: string }) => [String(v.branch), v.note])).toEqual([
      [branch.north, 'by title'],
      [branch.north, 'by id before a title that reads the same'],
      [branch.namedAfterSouth, 'id the importer may not read is the title of one they may'],
      [branch.twinA, 'by id where the title is ambiguous'],
    ]);
  });
});
