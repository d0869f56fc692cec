// A small JSON Schema (draft 2020-12) validator for the keywords our published schemas use: type, properties,
// required, additionalProperties, propertyNames, items, enum, const, anyOf/oneOf, minimum/maximum, minLength,
// pattern. Any other keyword fails loudly, so a schema change cannot silently skip validation.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'minimum',
  'maximum',
  'minLength',
  'pattern',
  'format',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

export function validate(schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  for (const keyword of Object.keys(schema))
    if (!KNOWN.has(keyword))
      errors.push(`${at}: schema keyword "${keyword}" not supported by the test validator`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => typeMatches(type, typeOf(value))))
      return [...errors, `${at}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if (schema.const !== undefined && value !== schema.const)
    errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above maximum`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${at}: too short`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword] as Schema[] | undefined;
    if (!branches) continue;
    const passing = branches.filter((branch) => validate(branch, value, at).length === 0).length;
    if (keyword === 'anyOf' ? passing === 0 : passing !== 1) errors.push(`${at}: ${keyword} not satisfied`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, index) => errors.push(...validate(schema.items as Schema, item, `${at}[${index}]`)));
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[])
      if (!(name in object)) errors.push(`${at}: missing required "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      if (schema.propertyNames)
        errors.push(...validate(schema.propertyNames as Schema, name, `${at}.${name} (name)`));
      if (properties[name]) errors.push(...validate(properties[name], item, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${name}"`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...validate(schema.additionalProperties as Schema, item, `${at}.${name}`));
    }
  }
  return errors;
}

/** Keywords anywhere in `schema` that `validate` does not implement. */
export function unsupportedKeywords(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(unsupportedKeywords);
  if (typeof schema !== 'object' || schema === null) return [];
  const object = schema as Schema;
  const own = Object.keys(object).filter((keyword) => !KNOWN.has(keyword));
  const nested = [
    ...Object.values((object.properties ?? {}) as Record<string, unknown>),
    object.items,
    object.propertyNames,
    typeof object.additionalProperties === 'object' ? object.additionalProperties : undefined,
    ...((object.anyOf ?? []) as unknown[]),
    ...((object.oneOf ?? []) as unknown[]),
  ];
  return [...own, ...nested.flatMap(unsupportedKeywords)];
}
