// A recording of AWS answers: SDK output shapes (or AWS errors) keyed by client, operation, region and the input
// members that matter. A call matches the entry whose input members all equal the call's, preferring the entry
// that names the most members (so a page asked for with its NextToken wins over the first page).

/** `EC2`, `IAM`, `S3`, ... : the SDK client name without `Client`, as collector declarations spell it. */
export type ClientName = string;

export interface RecordedError {
  name: string;
  /** HTTP status AWS answers with (`$metadata.httpStatusCode`). */
  status: number;
  message: string;
}

export type RecordedAnswer = { output: object } | { error: RecordedError };

export interface RecordedCall {
  client: ClientName;
  operation: string;
  region: string;
  input: Record<string, unknown>;
}

interface Entry {
  match: Record<string, unknown>;
  answer: RecordedAnswer;
}

/** Entries recorded for any region (S3 bucket detail calls go to the bucket's own region endpoint). */
export const ANY_REGION = '*';

const keyOf = (client: string, operation: string, region: string) => `${client}.${operation}@${region}`;

export class Recording {
  private readonly entries = new Map<string, Entry[]>();
  private readonly fallbacks = new Map<string, RecordedAnswer>();

  /** Records `answer` for calls of `client.operation` in `region` whose input holds every member of `match`. */
  add(
    client: ClientName,
    operation: string,
    region: string,
    match: Record<string, unknown>,
    answer: RecordedAnswer,
  ): this {
    const key = keyOf(client, operation, region);
    const list = this.entries.get(key) ?? [];
    list.push({ match, answer });
    this.entries.set(key, list);
    return this;
  }

  output(
    client: ClientName,
    operation: string,
    region: string,
    match: Record<string, unknown>,
    output: object,
  ) {
    return this.add(client, operation, region, match, { output });
  }

  error(
    client: ClientName,
    operation: string,
    region: string,
    match: Record<string, unknown>,
    error: RecordedError,
  ) {
    return this.add(client, operation, region, match, { error });
  }

  /** What AWS answers when nothing more specific was recorded (e.g. S3's NoSuchBucketPolicy). */
  fallback(client: ClientName, operation: string, answer: RecordedAnswer): this {
    this.fallbacks.set(`${client}.${operation}`, answer);
    return this;
  }

  /**
   * A list too long for one page, recorded as pages of `pageSize` linked by `tokenOut` -> `tokenIn`
   * (e.g. NextToken/NextToken, Marker/Marker, IsTruncated is set when `truncatedFlag`).
   */
  paged<T>(
    client: ClientName,
    operation: string,
    region: string,
    options: {
      match?: Record<string, unknown>;
      items: T[];
      itemsKey: string;
      pageSize: number;
      tokenIn: string;
      tokenOut: string;
      truncatedFlag?: string;
      extra?: Record<string, unknown>;
    },
  ): this {
    const { items, pageSize, tokenIn, tokenOut, truncatedFlag } = options;
    const pages = Math.max(1, Math.ceil(items.length / pageSize));
    for (let index = 0; index < pages; index += 1) {
      const token = (page: number) => `${operation}-page-${page + 1}`;
      const last = index === pages - 1;
      const output: Record<string, unknown> = {
        ...options.extra,
        [options.itemsKey]: items.slice(index * pageSize, (index + 1) * pageSize),
      };
      if (!last) output[tokenOut] = token(index + 1);
      if (truncatedFlag) output[truncatedFlag] = !last;
      const match = { ...options.match, ...(index === 0 ? {} : { [tokenIn]: token(index) }) };
      this.output(client, operation, region, match, output);
    }
    return this;
  }

  /** The recorded answer for `call`, or undefined when nothing was recorded for it. */
  answer(call: RecordedCall): RecordedAnswer | undefined {
    const candidates = [
      ...(this.entries.get(keyOf(call.client, call.operation, call.region)) ?? []),
      ...(this.entries.get(keyOf(call.client, call.operation, ANY_REGION)) ?? []),
    ];
    let best: Entry | undefined;
    for (const entry of candidates) {
      if (!matches(entry.match, call.input)) continue;
      if (!best || Object.keys(entry.match).length > Object.keys(best.match).length) best = entry;
    }
    return best?.answer ?? this.fallbacks.get(`${call.client}.${call.operation}`);
  }

  get size(): number {
    let count = 0;
    for (const list of this.entries.values()) count += list.length;
    return count;
  }
}

function matches(match: Record<string, unknown>, input: Record<string, unknown>): boolean {
  return Object.entries(match).every(
    ([member, value]) => JSON.stringify(input[member]) === JSON.stringify(value),
  );
}
