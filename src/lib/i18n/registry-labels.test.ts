import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../domain/access/write-verdict';
import { collectionNames, legacyCollectionNames } from '../domain/registry';
import { en } from './en';
import {
	collectionLabelKey,
	reasonLabelKey,
	storedCollectionLabelKey,
	storedReasonLabelKey
} from './registry-labels';
import { zhCN } from './zh-CN';

describe('labels of the registry', () => {
	it('label every collection, legacy ones too, and every refusal reason in both languages', () => {
		const keys = [
			...[...collectionNames, ...legacyCollectionNames].map(collectionLabelKey),
			...REJECT_REASONS.map(reasonLabelKey)
		];
		for (const key of keys) {
			expect(zhCN[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
	});

	it('find no label for a name a stored notice carries that this version does not know', () => {
		expect(storedCollectionLabelKey('directory')).toBe('collection.directory');
		expect(storedCollectionLabelKey('orgs')).toBe('collection.orgs');
		expect(storedCollectionLabelKey('surveys')).toBeNull();
		expect(storedCollectionLabelKey(undefined)).toBeNull();
		expect(storedReasonLabelKey('forbidden')).toBe('reason.forbidden');
		expect(storedReasonLabelKey('no-such-reason')).toBeNull();
	});
});
