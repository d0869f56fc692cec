// The IAM credential report: a CSV with one row per user plus `<root_account>`. Column names and values are
// kept exactly as AWS prints them (strings such as "true", "N/A", "no_information", ISO dates).

export type CredentialReportRow = Record<string, string>;

export const ROOT_ACCOUNT_USER = '<root_account>';

/**
 * `GetCredentialReport` Content (bytes once the SDK has decoded the base64; some emulators send text). Columns are
 * read by header name, so their order does not matter; a row shorter than the header leaves the missing columns
 * out rather than inventing empty values.
 */
export function parseCredentialReport(content: Uint8Array | string | undefined): CredentialReportRow[] {
  if (content === undefined) return [];
  const text = typeof content === 'string' ? decodeText(content) : Buffer.from(content).toString('utf8');
  const lines = splitRecords(text.replace(/^\uFEFF/, ''));
  if (lines.length === 0) return [];
  const header = lines[0].map((column) => column.trim());
  return lines.slice(1).map((fields) => {
    // Built in one step (see plainConfig in collector/shape.ts): 22 columns stored one by one make a hash table.
    const members: [string, string][] = [];
    header.forEach((column, index) => {
      if (column !== '' && index < fields.length) members.push([column, fields[index]]);
    });
    return Object.fromEntries(members) as CredentialReportRow;
  });
}

/** Text that is still base64 (no comma in it) is decoded; CSV text is returned as is. */
function decodeText(content: string): string {
  return content.includes(',') ? content : Buffer.from(content.trim(), 'base64').toString('utf8');
}

/** RFC 4180 records; AWS does not quote today, but a quoted user name must not shift the columns. */
function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      fields.push(field);
      if (fields.some((value) => value !== '')) records.push(fields);
      fields = [];
      field = '';
    } else field += char;
  }
  fields.push(field);
  if (fields.some((value) => value !== '')) records.push(fields);
  return records;
}

/** What the users and the root user get: rows by ARN, or the error code that stopped the report. */
export type CredentialReportResult = { rowsByArn: Map<string, CredentialReportRow> } | { error: string };

/**
 * Rows by ARN. The root row is also found by its `user` column, so a root row without an `arn` value is kept
 * (under `<root_account>`); other rows without an ARN cannot be matched to a user and are left out.
 */
export function indexByArn(rows: CredentialReportRow[]): Map<string, CredentialReportRow> {
  const byArn = new Map<string, CredentialReportRow>();
  for (const row of rows) {
    const arn = row.arn?.trim();
    if (arn) byArn.set(arn, row);
    else if (isRootRow(row)) byArn.set(ROOT_ACCOUNT_USER, row);
  }
  return byArn;
}

export function rootRow(rows: Map<string, CredentialReportRow>): CredentialReportRow | undefined {
  for (const row of rows.values()) if (isRootRow(row)) return row;
  return undefined;
}

function isRootRow(row: CredentialReportRow): boolean {
  return row.user?.trim() === ROOT_ACCOUNT_USER;
}

/** Users in the report but not in `userArns` (deleted since the report was generated, up to 4 hours ago). */
export function reportUsersNotIn(rows: Map<string, CredentialReportRow>, userArns: Set<string>): string[] {
  return [...rows.keys()].filter(
    (arn) => !isRootRow(rows.get(arn) as CredentialReportRow) && !userArns.has(arn),
  );
}
