import { Ajv, type ValidateFunction } from 'ajv';
import type { KindSchema } from './kind-definition';

const ajv = new Ajv({ allErrors: false, strict: true });
const compiled = new WeakMap<KindSchema, ValidateFunction>();

/** RxDB's extra keys (primaryKey, version, indexes) are not JSON Schema; drop them for Ajv. */
function jsonSchemaOf(schema: KindSchema) {
	const { type, properties, required, additionalProperties } = schema;
	return { type, properties, required, additionalProperties };
}

export interface SchemaError {
	path: string;
	message: string;
}

/** Validates a document's own fields (no `_rev`, `_deleted` or other underscore keys). */
export function validateAgainst(schema: KindSchema, data: unknown): SchemaError | null {
	let validate = compiled.get(schema);
	if (!validate) {
		validate = ajv.compile(jsonSchemaOf(schema));
		compiled.set(schema, validate);
	}
	if (validate(data)) return null;
	const first = validate.errors?.[0];
	return { path: first?.instancePath || '/', message: first?.message ?? 'invalid' };
}
