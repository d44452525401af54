import { describe, expect, it } from 'vitest';
import type { KindSchema } from './kind-definition';
import { collectionNames, collectionSchema, kindsOf } from '../registry';
import { validateAgainst } from './schema-validation';

const schema: KindSchema = {
	title: 'sample',
	version: 0,
	primaryKey: 'id',
	type: 'object',
	properties: {
		id: { type: 'string', maxLength: 10 },
		count: { type: 'integer', minimum: 0 },
		tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
		nested: {
			type: 'object',
			properties: { deep: { type: 'string', enum: ['a', 'b'] } },
			additionalProperties: false
		}
	},
	required: ['id'],
	additionalProperties: false,
	indexes: ['count']
};

const minimal = { id: 'x' };

describe('validateAgainst', () => {
	it('returns null for a valid document', () => {
		expect(validateAgainst(schema, minimal)).toBeNull();
		expect(
			validateAgainst(schema, { id: 'x', count: 3, tags: ['ab'], nested: { deep: 'a' } })
		).toBeNull();
	});

	it('ignores the RxDB-only keys of the schema (primaryKey, version, indexes)', () => {
		// Ajv in strict mode would throw on unknown keywords if they reached it.
		expect(() => validateAgainst(schema, minimal)).not.toThrow();
	});

	it('reports a missing required field at the root path', () => {
		expect(validateAgainst(schema, {})).toEqual({
			path: '/',
			message: "must have required property 'id'"
		});
	});

	it('reports an extra property at the root path', () => {
		expect(validateAgainst(schema, { id: 'x', colour: 'red' })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('reports a wrong type at the field path', () => {
		expect(validateAgainst(schema, { id: 5 })).toEqual({ path: '/id', message: 'must be string' });
		expect(validateAgainst(schema, { id: 'x', count: 1.5 })).toEqual({
			path: '/count',
			message: 'must be integer'
		});
	});

	it('reports limits with their bound', () => {
		expect(validateAgainst(schema, { id: 'x'.repeat(11) })).toEqual({
			path: '/id',
			message: 'must NOT have more than 10 characters'
		});
		expect(validateAgainst(schema, { id: 'x', count: -1 })).toEqual({
			path: '/count',
			message: 'must be >= 0'
		});
	});

	it('reports array items and nested fields by JSON pointer', () => {
		expect(validateAgainst(schema, { id: 'x', tags: ['ok', 'long'] })).toEqual({
			path: '/tags/1',
			message: 'must NOT have more than 3 characters'
		});
		expect(validateAgainst(schema, { id: 'x', nested: { deep: 'c' } })).toEqual({
			path: '/nested/deep',
			message: 'must be equal to one of the allowed values'
		});
		expect(validateAgainst(schema, { id: 'x', nested: { other: 1 } })).toEqual({
			path: '/nested',
			message: 'must NOT have additional properties'
		});
	});

	it('reports a document that is not an object at the root', () => {
		for (const data of [null, 'x', 42, ['x'], undefined]) {
			expect(validateAgainst(schema, data), String(data)).toEqual({
				path: '/',
				message: 'must be object'
			});
		}
	});

	it('reports only the first problem', () => {
		const result = validateAgainst(schema, { id: 5, count: -1 });
		expect(result).toEqual({ path: '/id', message: 'must be string' });
	});

	it('gives the same answers on repeated calls (compiled once per schema)', () => {
		for (let i = 0; i < 3; i++) {
			expect(validateAgainst(schema, minimal)).toBeNull();
			expect(validateAgainst(schema, {})?.path).toBe('/');
		}
	});

	it('keeps schemas apart', () => {
		const other: KindSchema = {
			...schema,
			properties: { id: { type: 'number' } }
		};
		expect(validateAgainst(other, { id: 1 })).toBeNull();
		expect(validateAgainst(schema, { id: 1 })?.path).toBe('/id');
	});

	it('compiles the schema of every collection and of every kind', () => {
		for (const name of collectionNames) {
			for (const schema of [collectionSchema(name), ...kindsOf(name).map((k) => k.schema)]) {
				expect(() => validateAgainst(schema, {}), name).not.toThrow();
				expect(validateAgainst(schema, {})?.path, name).toBe('/');
			}
		}
	});
});
