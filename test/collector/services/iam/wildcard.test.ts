import { matchesAny, wildcardMatches } from '../../../../collector/services/iam/wildcard';

describe('wildcardMatches', () => {
  it('lets * span any characters, including none, colons and slashes', () => {
    expect(wildcardMatches('arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/a/b')).toBe(true);
    expect(wildcardMatches('sts:*', 'sts:')).toBe(true);
    expect(wildcardMatches('*', 'anything')).toBe(true);
  });

  it('lets ? match exactly one character', () => {
    expect(wildcardMatches('role/ops-?', 'role/ops-1')).toBe(true);
    expect(wildcardMatches('role/ops-?', 'role/ops-12')).toBe(false);
    expect(wildcardMatches('role/ops-?', 'role/ops-')).toBe(false);
  });

  it('treats regular-expression characters literally', () => {
    expect(wildcardMatches('role/a.b', 'role/a.b')).toBe(true);
    expect(wildcardMatches('role/a.b', 'role/axb')).toBe(false);
    expect(wildcardMatches('role/(x)+', 'role/(x)+')).toBe(true);
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(wildcardMatches('role/Ops', 'role/ops')).toBe(false);
    expect(wildcardMatches('STS:assume*', 'sts:AssumeRole', { ignoreCase: true })).toBe(true);
  });

  it('anchors the whole value', () => {
    expect(wildcardMatches('role/ops', 'role/ops-admin')).toBe(false);
    expect(matchesAny([], 'x')).toBe(false);
    expect(matchesAny(['y', 'x*'], 'xz')).toBe(true);
  });
});
