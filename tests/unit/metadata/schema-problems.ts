import { expect } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { validateAgainstSchema, type DefinitionKind } from '../../../platform/src/metadata/schema-validator.ts';

/** The JSON-pointer problems the JSON Schema of `kind` finds in a definition ([] when it passes). */
export function schemaProblems(kind: DefinitionKind, definition: unknown): { path: string; message: string }[] {
  try {
    validateAgainstSchema(kind, definition);
    return [];
  } catch (err) {
    if (!isAppError(err)) throw err;
    expect(err.code).toBe('VALIDATION_FAILED');
    return err.details ?? [];
  }
}

export const paths = (problems: { path: string }[]) => problems.map((p) => p.path);
