// Texts built from many small pieces (ARNs, sentences with ids in them) are ropes of ~32-byte nodes in V8, and
// parsed AWS answers each hold their own copy of values that repeat across thousands of resources. A pool keeps
// one flat copy of each distinct text: the collector's value table (value-table.ts) and the evaluator's results
// (evaluator/engine/evaluate.ts) both keep theirs in one, dropped when their sync or evaluation ends.

export class StringPool {
  private readonly texts = new Map<string, string>();

  /** `maxLength`: longer texts (policy documents, certificates) rarely repeat and are given back as they are. */
  constructor(private readonly maxLength = Infinity) {}

  /** The pool's copy of `text`: equal in content, stored once, without the rope it was built from. */
  intern(text: string): string {
    if (text.length > this.maxLength) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    const flat = flatCopy(text);
    this.texts.set(flat, flat);
    return flat;
  }

  /** Distinct texts held. */
  get size(): number {
    return this.texts.size;
  }

  /** The pool's copies of every item. */
  internAll(texts: string[]): string[] {
    return texts.map((text) => this.intern(text));
  }
}

/** A flat copy of `text`, for a text that is kept but rarely repeats (a pool entry would cost more than it saves). */
export function flatCopy(text: string): string {
  // A JSON round trip is exact for any string (lone surrogates included) and yields a new flat one.
  return JSON.parse(JSON.stringify(text)) as string;
}
