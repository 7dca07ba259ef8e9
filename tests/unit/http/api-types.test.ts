import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const statementsOf = (file: string) => ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest).statements;
const isTypeOnlyImport = (s: ts.Statement) => ts.isImportDeclaration(s) && s.importClause?.isTypeOnly === true;
const isTypeOnlyExport = (s: ts.Statement) => ts.isExportDeclaration(s) && s.isTypeOnly;
const lineOf = (s: ts.Statement) => s.getText(s.getSourceFile()).split('\n')[0];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(file);
    return /\.(ts|vue)$/.test(entry.name) ? [file] : [];
  });
}

describe('the types of API answers', () => {
  it('platform/src/http/api-types.ts holds types only, so the browser bundle takes nothing of the server', () => {
    const values = statementsOf('platform/src/http/api-types.ts').filter(
      (s) => !isTypeOnlyImport(s) && !isTypeOnlyExport(s) && !ts.isTypeAliasDeclaration(s) && !ts.isInterfaceDeclaration(s),
    );
    expect(values.map(lineOf)).toEqual([]);
  });

  it('ui/src/api/types.ts only re-exports and renames the server\'s types, never declares an answer itself', () => {
    const own = statementsOf('ui/src/api/types.ts').filter(
      (s) => !isTypeOnlyImport(s) && !isTypeOnlyExport(s) && !(ts.isTypeAliasDeclaration(s) && ts.isTypeReferenceNode(s.type)),
    );
    expect(own.map(lineOf)).toEqual([]);
  });

  it('the web application names the answer it expects by those types, not by an inline shape', () => {
    const inline = filesUnder('ui/src').flatMap((file) =>
      fs.readFileSync(path.join(root, file), 'utf8').split('\n').flatMap((line, i) => (/\bapi\.(get|post|put|patch|delete)<\s*\{/.test(line) ? [`${file}:${i + 1}`] : [])),
    );
    expect(inline).toEqual([]);
  });
});
