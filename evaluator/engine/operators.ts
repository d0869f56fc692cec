// Leaf operators of the condition language: each is checked and prepared once at load, then tested per value.
import { cidrCovers, isWholeInternet, parseCidr, type Cidr } from './cidr';
import { asList, DAY_MS, formatValue, isMissing, looseEquals, toNumber, toTime } from './values';

export class ConditionError extends Error {}

export interface PreparedOperator {
  name: string;
  /** `expected "required"`-style text for evidence and descriptions. */
  expectation: string;
  test(value: unknown, now: number): boolean;
  /** Optional rendering of the tested value (ports for rules). */
  show?(value: unknown): string;
}

type Factory = (argument: unknown) => PreparedOperator;

export const comparators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type Comparator = (typeof comparators)[number];

export function compareNumbers(comparator: Comparator, actual: number, expected: number): boolean {
  switch (comparator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'gte':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'lte':
      return actual <= expected;
  }
}

const comparatorSymbols: Record<Comparator, string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

/** `{ gte: 1 }` -> a numeric test; exactly one comparator with a number. */
export function prepareComparison(
  argument: unknown,
  where: string,
): { test: (n: number) => boolean; text: string } {
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument)) {
    throw new ConditionError(`${where} must be a map like { gte: 1 }`);
  }
  const entries = Object.entries(argument);
  if (entries.length !== 1)
    throw new ConditionError(`${where} needs exactly one of ${comparators.join(', ')}`);
  const [key, value] = entries[0];
  if (!(comparators as readonly string[]).includes(key))
    throw new ConditionError(`${where}: unknown comparator "${key}"`);
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ConditionError(`${where}.${key} must be a number`);
  const comparator = key as Comparator;
  return {
    test: (n) => compareNumbers(comparator, n, value),
    text: `${comparatorSymbols[comparator]} ${value}`,
  };
}

function requireScalar(name: string, argument: unknown): void {
  if (argument === null || !['string', 'number', 'boolean'].includes(typeof argument)) {
    throw new ConditionError(`${name} needs a string, number or boolean`);
  }
}

function requireScalarList(name: string, argument: unknown, allowEmpty = false): unknown[] {
  if (!Array.isArray(argument) || (!allowEmpty && argument.length === 0))
    throw new ConditionError(`${name} needs a non-empty list`);
  argument.forEach((item) => requireScalar(name, item));
  return argument;
}

function requireBoolean(name: string, argument: unknown): boolean {
  if (typeof argument !== 'boolean') throw new ConditionError(`${name} needs true or false`);
  return argument;
}

function requireCidr(name: string, argument: unknown): Cidr {
  const cidr = parseCidr(argument);
  if (!cidr) throw new ConditionError(`${name}: "${String(argument)}" is not an IPv4/IPv6 address or CIDR`);
  return cidr;
}

function numeric(name: Comparator): Factory {
  return (argument) => {
    if (typeof argument !== 'number' || !Number.isFinite(argument))
      throw new ConditionError(`${name} needs a number`);
    return {
      name,
      expectation: `expected ${comparatorSymbols[name]} ${argument}`,
      test: (value) => {
        const n = toNumber(value);
        return n !== undefined && compareNumbers(name, n, argument);
      },
    };
  };
}

function listContains(list: unknown[], wanted: unknown): boolean {
  return list.some((item) => looseEquals(item, wanted));
}

const protocolNames: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** A security group permission or NACL entry: does it let traffic to `port` through? */
export function ruleCoversPort(rule: unknown, port: number): boolean {
  if (typeof rule !== 'object' || rule === null) return false;
  const record = rule as Record<string, unknown>;
  const protocol = String(record.IpProtocol ?? record.Protocol ?? '');
  if (protocol === '-1' || protocol === 'all') return true;
  if (['icmp', 'icmpv6', '1', '58'].includes(protocol)) return false;
  const range = record.PortRange as { From?: number; To?: number } | undefined;
  const from = toNumber(record.FromPort ?? range?.From);
  const to = toNumber(record.ToPort ?? range?.To) ?? from;
  if (from === undefined || to === undefined) return false;
  return from <= port && port <= to;
}

export function describeRulePorts(rule: unknown): string {
  if (typeof rule !== 'object' || rule === null) return formatValue(rule);
  const record = rule as Record<string, unknown>;
  const protocol = String(record.IpProtocol ?? record.Protocol ?? '');
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const name = protocolNames[protocol] ?? protocol;
  const range = record.PortRange as { From?: number; To?: number } | undefined;
  const from = record.FromPort ?? range?.From;
  const to = record.ToPort ?? range?.To ?? from;
  if (from === undefined) return name;
  return from === to ? `${name} ${from}` : `${name} ${from}-${to}`;
}

export const operatorFactories: Record<string, Factory> = {
  eq: (argument) => ({
    name: 'eq',
    expectation: `expected ${formatValue(argument)}`,
    test: (value) => looseEquals(value, argument),
  }),
  ne: (argument) => ({
    name: 'ne',
    expectation: `expected anything but ${formatValue(argument)}`,
    test: (value) => !isMissing(value) && !looseEquals(value, argument),
  }),
  gt: numeric('gt'),
  gte: numeric('gte'),
  lt: numeric('lt'),
  lte: numeric('lte'),
  in: (argument) => {
    const list = requireScalarList('in', argument);
    return {
      name: 'in',
      expectation: `expected one of ${formatValue(list)}`,
      test: (value) => !isMissing(value) && listContains(list, value),
    };
  },
  notIn: (argument) => {
    const list = requireScalarList('notIn', argument);
    return {
      name: 'notIn',
      expectation: `expected none of ${formatValue(list)}`,
      test: (value) => !isMissing(value) && !listContains(list, value),
    };
  },
  exists: (argument) => {
    const wanted = requireBoolean('exists', argument);
    return {
      name: 'exists',
      expectation: wanted ? 'expected to be present' : 'expected to be absent',
      test: (value) => !isMissing(value) === wanted,
    };
  },
  empty: (argument) => {
    const wanted = requireBoolean('empty', argument);
    const isEmpty = (value: unknown) =>
      isMissing(value) ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
    return {
      name: 'empty',
      expectation: wanted ? 'expected to be empty' : 'expected not to be empty',
      test: (value) => isEmpty(value) === wanted,
    };
  },
  regex: (argument) => {
    if (typeof argument !== 'string') throw new ConditionError('regex needs a string');
    let pattern: RegExp;
    try {
      pattern = new RegExp(argument);
    } catch (error) {
      throw new ConditionError(
        `regex ${JSON.stringify(argument)} does not compile: ${(error as Error).message}`,
      );
    }
    return {
      name: 'regex',
      expectation: `expected to match /${argument}/`,
      test: (value) => ['string', 'number', 'boolean'].includes(typeof value) && pattern.test(String(value)),
    };
  },
  contains: (argument) => {
    requireScalar('contains', argument);
    return {
      name: 'contains',
      expectation: `expected to contain ${formatValue(argument)}`,
      test: (value) => {
        if (typeof value === 'string') return value.includes(String(argument));
        const list = asList(value);
        return list !== undefined && listContains(list, argument);
      },
    };
  },
  containsAny: (argument) => {
    const wanted = requireScalarList('containsAny', argument);
    return {
      name: 'containsAny',
      expectation: `expected to contain any of ${formatValue(wanted)}`,
      test: (value) => {
        if (typeof value === 'string') return wanted.some((item) => value.includes(String(item)));
        const list = asList(value);
        return list !== undefined && wanted.some((item) => listContains(list, item));
      },
    };
  },
  containsAll: (argument) => {
    const wanted = requireScalarList('containsAll', argument);
    return {
      name: 'containsAll',
      expectation: `expected to contain all of ${formatValue(wanted)}`,
      test: (value) => {
        if (typeof value === 'string') return wanted.every((item) => value.includes(String(item)));
        const list = asList(value);
        return list !== undefined && wanted.every((item) => listContains(list, item));
      },
    };
  },
  cidrContains: (argument) => {
    const inner = requireCidr('cidrContains', argument);
    return {
      name: 'cidrContains',
      expectation: `expected to contain ${String(argument)}`,
      test: (value) => {
        const outer = parseCidr(value);
        return outer !== null && cidrCovers(outer, inner);
      },
    };
  },
  cidrWithin: (argument) => {
    const list = typeof argument === 'string' ? [argument] : argument;
    if (!Array.isArray(list) || list.length === 0)
      throw new ConditionError('cidrWithin needs a CIDR or a list of CIDRs');
    const outers = list.map((item) => requireCidr('cidrWithin', item));
    return {
      name: 'cidrWithin',
      expectation: `expected within ${list.join(', ')}`,
      test: (value) => {
        const inner = parseCidr(value);
        return inner !== null && outers.some((outer) => cidrCovers(outer, inner));
      },
    };
  },
  isPublicCidr: (argument) => {
    const wanted = requireBoolean('isPublicCidr', argument);
    return {
      name: 'isPublicCidr',
      expectation: wanted ? 'expected 0.0.0.0/0 or ::/0' : 'expected a CIDR narrower than the whole internet',
      test: (value) => {
        const cidr = parseCidr(value);
        return cidr !== null && isWholeInternet(cidr) === wanted;
      },
    };
  },
  portInRange: (argument) => {
    if (typeof argument !== 'number' || !Number.isInteger(argument) || argument < 0 || argument > 65535) {
      throw new ConditionError('portInRange needs a port number 0-65535');
    }
    return {
      name: 'portInRange',
      expectation: `expected to cover port ${argument}`,
      test: (value) => ruleCoversPort(value, argument),
      show: describeRulePorts,
    };
  },
  olderThanDays: (argument) => {
    if (typeof argument !== 'number' || argument < 0)
      throw new ConditionError('olderThanDays needs a number of days >= 0');
    return {
      name: 'olderThanDays',
      expectation: `expected older than ${argument} days`,
      test: (value, now) => {
        const time = toTime(value);
        return time !== undefined && now - time > argument * DAY_MS;
      },
    };
  },
  newerThanDays: (argument) => {
    if (typeof argument !== 'number' || argument < 0)
      throw new ConditionError('newerThanDays needs a number of days >= 0');
    return {
      name: 'newerThanDays',
      expectation: `expected within the last ${argument} days`,
      test: (value, now) => {
        const time = toTime(value);
        return time !== undefined && now - time < argument * DAY_MS;
      },
    };
  },
  // Expiry dates (certificates): the date lies more than N days after the evaluation time (injected clock).
  moreThanDaysAhead: (argument) => {
    if (typeof argument !== 'number' || argument < 0)
      throw new ConditionError('moreThanDaysAhead needs a number of days >= 0');
    return {
      name: 'moreThanDaysAhead',
      expectation: `expected more than ${argument} days after the evaluation time`,
      test: (value, now) => {
        const time = toTime(value);
        return time !== undefined && time - now > argument * DAY_MS;
      },
    };
  },
  length: (argument) => {
    const comparison = prepareComparison(argument, 'length');
    return {
      name: 'length',
      expectation: `expected length ${comparison.text}`,
      test: (value) => (typeof value === 'string' || Array.isArray(value)) && comparison.test(value.length),
    };
  },
};

export const operatorNames = Object.keys(operatorFactories);
