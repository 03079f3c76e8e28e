/**
 * A JSON Schema check for exactly the keywords schema/plan.schema.json uses,
 * and a refusal of any other: a keyword it does not know would otherwise be
 * ignored, and the test would prove less than it says.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', 'title', 'description', 'default', 'type', 'properties', 'required', 'additionalProperties',
  'propertyNames', 'enum', 'anyOf', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'pattern',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Problems of `value` against `schema`, as "path: what"; empty when valid. */
export function validateAgainstSchema(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
  const problems: string[] = [];
  const type = schema.type as string | undefined;
  if (type !== undefined) {
    const actual = typeOf(value);
    if (!(actual === type || (type === 'number' && actual === 'integer'))) return [`${path}: expected ${type}, found ${actual}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((allowed) => allowed === value)) problems.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (schema.anyOf && (schema.anyOf as Schema[]).every((option) => validateAgainstSchema(option, value, path).length > 0)) problems.push(`${path}: matches none of anyOf`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) problems.push(`${path}: not above ${schema.exclusiveMinimum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!Object.hasOwn(object, key)) problems.push(`${path}: ${key} is required`);
    for (const [key, item] of Object.entries(object)) {
      if (schema.propertyNames) problems.push(...validateAgainstSchema(schema.propertyNames as Schema, key, `${path}.${key} (name)`));
      if (Object.hasOwn(properties, key)) problems.push(...validateAgainstSchema(properties[key], item, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...validateAgainstSchema(schema.additionalProperties as Schema, item, `${path}.${key}`));
    }
  }
  return problems;
}
