import type { KindSchema } from './kind-definition';

/**
 * The one RxDB schema of a collection that holds several kinds: every kind's properties side by
 * side, `kind` as the union of their values, and only what all kinds require. RxDB checks this
 * looser shape on the device; each kind's own schema is checked by `checkWrite` on both sides.
 * A property two kinds define differently would make one of them unstorable, so it is refused here.
 */
export function mergeKindSchemas(
	title: string,
	version: number,
	schemas: KindSchema[]
): KindSchema {
	if (schemas.length === 1 && schemas[0]) return schemas[0];
	const properties: Record<string, unknown> = {};
	const kindValues: string[] = [];
	for (const schema of schemas) {
		for (const [name, definition] of Object.entries(schema.properties)) {
			if (name === 'kind') {
				kindValues.push(...((definition as { enum?: string[] }).enum ?? []));
				continue;
			}
			// Kinds differ in how long their ids may be; the container stores the longest.
			if (name === 'id' && name in properties) {
				if (maxLength(definition) > maxLength(properties[name])) properties[name] = definition;
				continue;
			}
			if (name in properties && JSON.stringify(properties[name]) !== JSON.stringify(definition)) {
				// Kinds may take different values of one field (a review confirms, an approval approves).
				const values = enumUnion(properties[name], definition);
				if (!values) {
					throw new Error(`Kinds of "${title}" define the property "${name}" differently.`);
				}
				properties[name] = values;
				continue;
			}
			properties[name] = definition;
		}
	}
	properties['kind'] = { type: 'string', enum: kindValues };
	// A kind older than the others of its collection may have no `kind` field (an activity).
	const required = schemas.every((schema) => 'kind' in schema.properties) ? ['kind'] : [];
	for (const name of schemas[0]?.required ?? []) {
		if (schemas.every((schema) => schema.required.includes(name))) required.push(name);
	}
	// RxDB's Dexie storage refuses an index on a field that may be missing (DXE1): an index
	// survives the merge only when every kind requires all its fields.
	const indexes = [...new Set(schemas.flatMap((schema) => schema.indexes ?? []))].filter((index) =>
		(Array.isArray(index) ? index : [index]).every((field) => required.includes(field))
	);
	return {
		title,
		version,
		primaryKey: 'id',
		type: 'object',
		properties,
		required: [...new Set(required)],
		additionalProperties: false,
		...(indexes.length ? { indexes } : {})
	};
}

/** One enum of both definitions' values, when they differ in nothing else; else null. */
function enumUnion(a: unknown, b: unknown): unknown {
	const left = a as { enum?: unknown[] };
	const right = b as { enum?: unknown[] };
	if (!Array.isArray(left.enum) || !Array.isArray(right.enum)) return null;
	const rest = (definition: object) => JSON.stringify({ ...definition, enum: [] });
	if (rest(left) !== rest(right)) return null;
	return { ...left, enum: [...new Set([...left.enum, ...right.enum])] };
}

function maxLength(definition: unknown): number {
	return (definition as { maxLength?: number }).maxLength ?? 0;
}
