/**
 * Where data breaks a JSON Schema, for the keywords zod's JSON Schema output
 * uses: a small validator independent of zod, so that the published schema
 * files are themselves what the tests check outputs against.
 */
type Schema = Record<string, unknown>;

/** Where `data` breaks `schema`, for the keywords zod's JSON Schema output uses; [] when it conforms. */
export function violations(schema: Schema, data: unknown, path = '$'): string[] {
  const out: string[] = [];
  const type = schema.type as string | string[] | undefined;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data;
    const fits = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(data)) || (t === 'number' && actual === 'number'));
    if (!fits) return [`${path}: ${actual} is not ${types.join('|')}`];
  }
  if ('const' in schema && data !== schema.const) out.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(data)) out.push(`${path}: ${JSON.stringify(data)} not in enum`);
  if (typeof schema.pattern === 'string' && typeof data === 'string' && !new RegExp(schema.pattern).test(data)) out.push(`${path}: does not match ${schema.pattern}`);
  if (typeof data === 'number') {
    if (typeof schema.minimum === 'number' && data < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && data > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((option) => violations(option as Schema, data, path).length === 0)) out.push(`${path}: matches no option`);
  if (Array.isArray(data)) {
    if (typeof schema.minItems === 'number' && data.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) data.forEach((item, i) => out.push(...violations(schema.items as Schema, item, `${path}[${i}]`)));
  } else if (data !== null && typeof data === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in data)) out.push(`${path}.${key}: missing`);
    for (const [key, value] of Object.entries(data)) {
      if (schema.propertyNames) out.push(...violations(schema.propertyNames as Schema, key, `${path}{${key}}`));
      if (key in properties) out.push(...violations(properties[key], value, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${key}: not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...violations(schema.additionalProperties as Schema, value, `${path}.${key}`));
    }
  }
  return out;
}
