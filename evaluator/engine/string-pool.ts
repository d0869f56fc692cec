// Results' sentences are built from many small pieces (ids, paths, values), which V8 keeps as ropes of ~32-byte
// nodes: at 60,000 results that was tens of megabytes more than the text itself, and most trace lines repeat
// word for word across the assets of one control. The pool keeps one flat copy of each distinct text.

export class StringPool {
  private readonly texts = new Map<string, string>();

  /** The pool's copy of `text`: equal in content, stored once, without the rope it was built from. */
  intern(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    // A JSON round trip is exact for any string (lone surrogates included) and yields a new flat one.
    const flat = JSON.parse(JSON.stringify(text)) as string;
    this.texts.set(flat, flat);
    return flat;
  }

  /** The pool's copies of every item. */
  internAll(texts: string[]): string[] {
    return texts.map((text) => this.intern(text));
  }
}
