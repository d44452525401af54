import { describe, expect, it } from 'vitest';
import type { Correction } from '../domain/records/corrections';
import type { RecordView } from '../domain/records/record-status';
import type { ServiceRecord } from '../domain/records/service-record';
import type { FileOwner } from '../domain/files/file-rules';
import type { PreparedEvidence } from './evidence-prepare';
import { recordActionsOn, type OwnRecordForm } from './record-actions';
import type { WriteOutcome } from './write-outcome';

const member = { id: 'm001', name: '张三', branchId: 'br1', orgId: 'org1' };
const photo = (char: string): PreparedEvidence => ({
	hash: char.repeat(64),
	type: 'image/jpeg',
	blob: new Blob(['x'])
});

function fakeDevice(outcome: WriteOutcome = { kind: 'saved', offline: true }) {
	const written: (ServiceRecord | Correction)[] = [];
	const queued: { hash: string; owner: FileOwner }[] = [];
	const actions = recordActionsOn({
		username: () => 'member1',
		write: (doc) => {
			written.push(doc);
			return Promise.resolve(outcome);
		},
		queue: (prepared, owner) => {
			queued.push({ hash: prepared.hash, owner });
			return Promise.resolve();
		}
	});
	return { actions, written, queued };
}

const yesterday = new Date(Date.now() - 86_400_000).toISOString();
const form: OwnRecordForm = {
	at: yesterday,
	minutes: 90,
	description: ' 整理防汛物资 ',
	communityId: 'cm1',
	category: 'service',
	kept: [],
	added: [photo('a')]
};

describe('recordActions', () => {
	it('says what to fix and writes nothing while the form has problems', async () => {
		const { actions, written } = fakeDevice();
		const outcome = await actions.addOwn(member, { ...form, description: ' ', minutes: NaN });
		expect(outcome).toEqual({
			kind: 'problems',
			problems: ['minutes-range', 'description-missing']
		});
		expect(written).toEqual([]);
	});

	it("writes the member's record citing its photos, then queues them beside it", async () => {
		const { actions, written, queued } = fakeDevice();
		const outcome = await actions.addOwn(member, { ...form, kept: ['b'.repeat(64)] });
		const [record] = written;
		expect(outcome).toMatchObject({ kind: 'saved', id: record?.id });
		expect(record).toMatchObject({
			kind: 'service-record',
			origin: 'own',
			memberId: 'm001',
			description: '整理防汛物资',
			photos: ['b'.repeat(64), 'a'.repeat(64)],
			trail: [{ change: 'created', by: 'member1' }]
		});
		expect(queued).toEqual([
			{ hash: 'a'.repeat(64), owner: { collection: 'reports', docId: record?.id } }
		]);
	});

	it('queues no photo for a write the device refused', async () => {
		const { actions, queued } = fakeDevice({ kind: 'refused', reason: 'forbidden' });
		expect(await actions.addOwn(member, form)).toMatchObject({ kind: 'refused' });
		expect(queued).toEqual([]);
	});

	it('resubmits a returned record only with a reason, as its next submission', async () => {
		const { actions, written } = fakeDevice();
		await actions.addOwn(member, form);
		const record = written[0] as ServiceRecord;
		expect(await actions.resubmit(record, { ...form, minutes: 60 }, ' ')).toEqual({
			kind: 'problems',
			problems: ['reason-missing']
		});
		await actions.resubmit(record, { ...form, minutes: 60, added: [] }, '时长记错了');
		expect(written[1]).toMatchObject({
			submission: 2,
			minutes: 60,
			trail: [{ change: 'created' }, { change: 'resubmitted', reason: '时长记错了' }]
		});
	});

	it('asks a correction of what differs only, and refuses one that changes nothing', async () => {
		const { actions, written } = fakeDevice();
		await actions.addOwn(member, form);
		const record = { ...(written[0] as ServiceRecord), origin: 'activity' as const };
		const view: RecordView = {
			record,
			effective: {
				at: record.at,
				minutes: record.minutes,
				description: record.description,
				communityId: record.communityId
			},
			state: 'approved',
			confirmation: 'source'
		};
		const same = { at: record.at, minutes: 90, description: record.description };
		const unchanged = await actions.askCorrection(view, {
			asked: same,
			reason: '再看看',
			kept: [],
			added: []
		});
		expect(unchanged).toMatchObject({ kind: 'problems', problems: ['nothing-changed'] });
		await actions.askCorrection(view, {
			asked: { ...same, minutes: 150 },
			reason: '签退忘了扫码',
			kept: [],
			added: []
		});
		expect(written[1]).toMatchObject({
			kind: 'correction',
			recordId: record.id,
			asked: { minutes: 150 },
			reason: '签退忘了扫码'
		});
		expect((written[1] as Correction).asked).not.toHaveProperty('description');
	});
});
