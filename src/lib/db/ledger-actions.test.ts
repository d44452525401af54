import { describe, expect, it } from 'vitest';
import type { FileOwner } from '../domain/files/file-rules';
import type { LedgerDoc } from '../domain/ledger/ledger-docs';
import type { Actor } from '../domain/access/roles';
import { agreement, item, LEDGER_NOW, PAIR, pushLedger } from '../../test-data/ledger-fixtures';
import type { PreparedEvidence } from './evidence-prepare';
import { ledgerActionsOn, type ItemForm } from './ledger-actions';
import type { WriteOutcome } from './write-outcome';

const secretary: Actor = {
	username: 'secretary1',
	memberId: 'm121',
	roles: [{ role: 'secretary', branchId: 'br1' }]
};
const file = (char: string): PreparedEvidence => ({
	hash: char.repeat(64),
	type: 'application/pdf',
	blob: new Blob(['%PDF-'])
});

/** The secretary's device: what it would write and queue, each write checked as the gateway does. */
function secretaryDevice() {
	const written: LedgerDoc[] = [];
	const queued: { hash: string; owner: FileOwner }[] = [];
	const actions = ledgerActionsOn({
		username: () => 'secretary1',
		memberId: () => 'm121',
		now: () => LEDGER_NOW,
		write: (doc): Promise<WriteOutcome> => {
			const verdict = pushLedger(secretary, doc);
			if (!verdict.ok) return Promise.resolve({ kind: 'refused', reason: verdict.reason });
			written.push(doc);
			return Promise.resolve({ kind: 'saved', offline: true });
		},
		remove: () => Promise.resolve({ kind: 'saved', offline: true }),
		queue: (prepared, owner) => {
			queued.push({ hash: prepared.hash, owner });
			return Promise.resolve();
		}
	});
	return { actions, written, queued };
}

const form: ItemForm = {
	title: '楼道照明维修',
	detail: '',
	resourceType: '',
	owner: '冯芳',
	dueOn: '2026-09-30',
	goodDeed: true,
	skills: ['electrical-repair'],
	otherTags: '照明，楼道',
	kept: [],
	added: [file('c')]
};
const target = { pair: PAIR, year: 2026, side: 'branch' as const, list: 'needs' as const };

describe('ledgerActions', () => {
	it('writes nothing while an item has no owner or due date, and says so', async () => {
		const { actions, written } = secretaryDevice();
		const outcome = await actions.saveItem(target, null, { ...form, owner: '', dueOn: '' });
		expect(outcome).toEqual({ kind: 'problems', problems: ['owner-missing', 'dueOn-missing'] });
		expect(written).toEqual([]);
	});

	it('writes a new item with the picked skills and typed tags, then queues its evidence beside it', async () => {
		const { actions, written, queued } = secretaryDevice();
		expect(await actions.saveItem(target, null, form)).toEqual({ kind: 'saved', offline: true });
		const [saved] = written;
		expect(saved).toMatchObject({
			kind: 'list-item',
			tags: ['electrical-repair', '照明', '楼道'],
			evidence: ['c'.repeat(64)]
		});
		expect(queued).toEqual([
			{ hash: 'c'.repeat(64), owner: { collection: 'ledger', docId: saved?.id } }
		]);
	});

	it('marks an agreement signed with its scan, which waits for upload beside it', async () => {
		const { actions, written, queued } = secretaryDevice();
		const outcome = await actions.signAgreement(agreement(), {
			signedOn: '2026-05-30',
			file: file('d')
		});
		expect(outcome).toEqual({ kind: 'saved', offline: true });
		expect(written[0]).toMatchObject({ signedOn: '2026-05-30', file: 'd'.repeat(64) });
		expect(queued.map((q) => q.hash)).toEqual(['d'.repeat(64)]);
	});

	it('queues nothing when the write is refused', async () => {
		const { actions, queued } = secretaryDevice();
		// Another branch's item: the secretary of br1 does not keep it.
		const theirs = item({ branchId: 'br2', id: 'li.br2.2026.k1' });
		const outcome = await actions.saveItem(target, theirs, form);
		expect(outcome).toMatchObject({ kind: 'refused' });
		expect(queued).toEqual([]);
	});

	it('records the seat with the secretary as its holder', async () => {
		const { actions, written } = secretaryDevice();
		await actions.saveSeat(PAIR, {
			memberName: '冯芳',
			post: '社区党组织兼职委员',
			since: '2026-02-26',
			kept: [],
			added: [file('e')]
		});
		expect(written[0]).toMatchObject({ kind: 'committee-seat', memberId: 'm121' });
	});
});
