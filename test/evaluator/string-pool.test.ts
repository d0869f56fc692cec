// The pool results keep their sentences in: equal texts become one string, content unchanged.
import { StringPool } from '../../evaluator/engine/string-pool';

describe('StringPool', () => {
  it('gives back equal content, and the same copy for equal texts built apart', () => {
    const pool = new StringPool();
    const id = 'i-0abc1234def567890';
    const first = pool.intern('config.' + 'Encrypted of ' + id + ' is true');
    const second = pool.intern(['config.Encrypted of', id, 'is true'].join(' '));
    expect(first).toBe(`config.Encrypted of ${id} is true`);
    expect(Object.is(first, second)).toBe(true);
    expect(pool.internAll(['a', 'b' + 'c', ''])).toEqual(['a', 'bc', '']);
  });

  it('keeps texts JSON would escape exactly as they were (quotes, newlines, lone surrogates, non-Latin)', () => {
    const pool = new StringPool();
    for (const text of ['say "hi"\n\tnow', '\ud800 alone', 'naïve 東京 ✓', '\u0000\u001f\\'])
      expect(pool.intern(text)).toBe(text);
  });
});
