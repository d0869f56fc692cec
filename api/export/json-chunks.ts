// JSON.stringify(value, null, 2) in pieces, so a report of tens of megabytes is written as it is produced instead
// of being held as one string (that string and its builder were the scan's peak memory). The text is byte for
// byte what JSON.stringify gives; test/export/json-chunks.test.ts checks it.

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * An iterable that JSON.stringify writes as an array through its toJSON (model.ts LazyFindings): written item by
 * item, never made into the array.
 */
function isStreamedArray(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

/** Values below `splitDepth` levels are stringified whole; the containers above them are written piece by piece. */
export function* jsonChunks(value: unknown, splitDepth = 2, depth = 0): Generator<string> {
  const pad = '  '.repeat(depth);
  if (depth < splitDepth && isStreamedArray(value)) {
    yield* jsonArrayChunks(value, splitDepth, depth);
    return;
  }
  const splittable =
    depth < splitDepth &&
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!splittable) {
    // Strings inside JSON never hold a raw newline (it is escaped), so every newline here starts a line.
    const text = JSON.stringify(value, null, 2);
    yield depth > 0 ? text.replace(/\n/g, `\n${pad}`) : text;
    return;
  }
  if (Array.isArray(value)) {
    yield* jsonArrayChunks(value, splitDepth, depth);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => !omitted(item));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [index, [key, item]] of entries.entries()) {
    yield `${index ? ',' : ''}\n${pad}  ${JSON.stringify(key)}: `;
    yield* jsonChunks(item, splitDepth, depth + 1);
  }
  yield `\n${pad}}`;
}

/** An array given as any iterable (a generator maps items one at a time), as JSON.stringify writes an array. */
export function* jsonArrayChunks(items: Iterable<unknown>, splitDepth = 2, depth = 0): Generator<string> {
  const pad = '  '.repeat(depth);
  let index = 0;
  for (const item of items) {
    yield `${index ? ',' : '['}\n${pad}  `;
    yield* omitted(item) ? ['null'] : jsonChunks(item, splitDepth, depth + 1);
    index += 1;
  }
  yield index ? `\n${pad}]` : '[]';
}

/** Joins pieces into writes of about `size` characters: few system calls, little held at once. */
export function* batched(chunks: Iterable<string>, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length) yield parts.join('');
}
