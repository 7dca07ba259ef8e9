/** What a message's merge fields are filled from. */
export interface MergeValues {
  name: string;
  company: string;
  title: string;
}

const FIELD = /\{\{\s*(name|company|title)\s*\}\}/g;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

/** A template with {{name}}, {{company}} and {{title}} filled in; in HTML the values are escaped. */
export function mergeFields(template: string, values: MergeValues, html = false): string {
  return template.replace(FIELD, (_m, key: keyof MergeValues) => (html ? escapeHtml(values[key]) : values[key]));
}

export { escapeHtml };
