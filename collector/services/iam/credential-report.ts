// The IAM credential report: a CSV with one row per user plus `<root_account>`. Column names and values are
// kept exactly as AWS prints them (strings such as "true", "N/A", "no_information", ISO dates).

export type CredentialReportRow = Record<string, string>;

export const ROOT_ACCOUNT_USER = '<root_account>';

/** `GetCredentialReport` Content (bytes once the SDK has decoded the base64; some emulators send text). */
export function parseCredentialReport(content: Uint8Array | string | undefined): CredentialReportRow[] {
  if (content === undefined) return [];
  const text = typeof content === 'string' ? decodeText(content) : Buffer.from(content).toString('utf8');
  const lines = splitRecords(text);
  if (lines.length === 0) return [];
  const header = lines[0];
  return lines.slice(1).map((fields) => {
    const row: CredentialReportRow = {};
    header.forEach((column, index) => {
      row[column] = fields[index] ?? '';
    });
    return row;
  });
}

/** Text that is still base64 (no comma in it) is decoded; CSV text is returned as is. */
function decodeText(content: string): string {
  return content.includes(',') ? content : Buffer.from(content, 'base64').toString('utf8');
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

export function indexByArn(rows: CredentialReportRow[]): Map<string, CredentialReportRow> {
  return new Map(rows.map((row) => [row.arn, row]));
}

export function rootRow(rows: Map<string, CredentialReportRow>): CredentialReportRow | undefined {
  for (const row of rows.values()) if (row.user === ROOT_ACCOUNT_USER) return row;
  return undefined;
}
