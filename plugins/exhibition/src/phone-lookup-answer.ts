// The answer of GET /lookup, free of imports so the service centre's screen pop reads it too.

/** A number's match: an account, contact or visitor, with its card; `Row` is a record as the reader's side types it. */
export interface LookupMatch<Row = Record<string, unknown>> {
  object: string;
  id: string;
  title: string;
  card: CustomerCard<Row>;
}

/** What the service centre sees of a caller; a part the caller may not read is left out. */
export interface CustomerCard<Row = Record<string, unknown>> {
  account?: { id: string; title: string } | null;
  interactions?: Row[];
  openRequests?: Row[];
  reservations?: Row[];
  /** The organiser's own business requests (enquiries, complaints…) not yet closed or declined. */
  businessRequests?: Row[];
  /** The account's journal subscriptions still running (active or expiring). */
  subscriptions?: Row[];
}
