// The pool the collector's values and the evaluator's sentences are kept in: equal texts become one string,
// content unchanged.
import { StringPool } from '../../collector/string-pool';

describe('StringPool', () => {
  it('gives back equal content, and the same copy for equal texts built apart', () => {
    const pool = new StringPool();
    const id = 'i-0abc1234def567890';
    const first = pool.intern('config.' + 'Encrypted of ' + id + ' is true');
    const second = pool.intern(['config.Encrypted of', id, 'is true'].join(' '));
    expect(first).toBe(`config.Encrypted of ${id} is true`);
    expect(second).toBe(first);
    expect(pool.size).toBe(1); // one copy held for both
    expect(pool.internAll(['a', 'b' + 'c', ''])).toEqual(['a', 'bc', '']);
  });

  it('keeps texts JSON would escape exactly as they were (quotes, newlines, lone surrogates, non-Latin)', () => {
    const pool = new StringPool();
    for (const text of ['say "hi"\n\tnow', '\ud800 alone', 'naïve 東京 ✓', '\u0000\u001f\\'])
      expect(pool.intern(text)).toBe(text);
  });

  it('with a length cap, gives longer texts back as they are, unpooled', () => {
    const pool = new StringPool(8);
    const long = ['a policy', 'document'].join(' ');
    expect(pool.intern(long)).toBe(long);
    expect(pool.size).toBe(0);
    expect(pool.intern(['short', '1'].join(''))).toBe('short1');
    expect(pool.intern('short' + '1')).toBe('short1');
    expect(pool.size).toBe(1);
  });
});
