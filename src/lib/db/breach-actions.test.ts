import { describe, expect, it } from 'vitest';
import type { FileOwner } from '../domain/files/file-rules';
import type { Actor } from '../domain/access/roles';
import { breachCases } from '../domain/conduct/breach-cases';
import type { BreachDecision } from '../domain/conduct/breach-decisions';
import type { BreachResponse } from '../domain/conduct/breach-responses';
import type { Breach } from '../domain/conduct/breaches';
import {
	breach,
	BREACH_NOW,
	decision,
	pushEvaluation,
	unitReport
} from '../../test-data/breach-fixtures';
import { office, owner, staff } from '../../test-data/test-actors';
import { breachActionsOn } from './breach-actions';
import type { PreparedEvidence } from './evidence-prepare';
import type { WriteOutcome } from './write-outcome';

const photo = (char: string): PreparedEvidence => ({
	hash: char.repeat(64),
	type: 'image/jpeg',
	blob: new Blob(['jpeg'])
});

/** A device of `actor`: what it would write and queue, each write checked as the gateway does. */
function deviceOf(actor: Actor) {
	const written: (Breach | BreachResponse | BreachDecision)[] = [];
	const queued: { hash: string; owner: FileOwner }[] = [];
	const actions = breachActionsOn({
		username: () => actor.username,
		now: () => BREACH_NOW,
		write: (doc): Promise<WriteOutcome> => {
			const verdict = pushEvaluation(actor, doc, {
				held: [unitReport()],
				...(doc.kind === 'breach' ? {} : { subject: breach() })
			});
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

const member = { memberId: 'm001', memberName: '李明', branchId: 'br1', orgId: 'org-a' };

describe('breachActions', () => {
	it('reports a breach and queues its photos beside it, once it is kept', async () => {
		const { actions, written, queued } = deviceOf(staff);
		const outcome = await actions.report({
			member,
			communityId: 'cm2',
			rule: 'no-badge',
			occurredOn: '2026-05-31',
			description: '未佩戴党员徽章。',
			kept: [],
			added: [photo('c')]
		});
		expect(outcome).toEqual({ kind: 'saved', offline: true });
		expect(written[0]).toMatchObject({ kind: 'breach', evidence: ['c'.repeat(64)] });
		expect(queued).toEqual([
			{ hash: 'c'.repeat(64), owner: { collection: 'evaluations', docId: written[0]?.id } }
		]);
	});

	it('writes nothing while the form has problems, and says so', async () => {
		const { actions, written, queued } = deviceOf(staff);
		const outcome = await actions.report({
			member: null,
			communityId: 'cm2',
			rule: '',
			occurredOn: '',
			description: '',
			kept: [],
			added: [photo('c')]
		});
		expect(outcome).toMatchObject({ kind: 'problems' });
		expect([written, queued]).toEqual([[], []]);
	});

	it("keeps the member's response and the office's decision", async () => {
		const [open] = breachCases([breach()]);
		if (!open) throw new Error('case');
		const member = deviceOf(owner);
		expect(
			await member.actions.respond(open, { statement: '已改正。', kept: [], added: [photo('d')] })
		).toEqual({ kind: 'saved', offline: true });
		expect(member.queued[0]?.owner.docId).toBe(`${breach().id}.response`);
		const bureau = deviceOf(office);
		expect(
			await bureau.actions.decide(open, {
				outcome: 'dismissed',
				severity: '',
				grounds: '证据不足。'
			})
		).toEqual({ kind: 'saved', offline: true });
		const [decided] = breachCases([breach(), decision()]);
		if (!decided) throw new Error('case');
		expect(
			await bureau.actions.decide(decided, { outcome: 'dismissed', severity: '', grounds: 'x' })
		).toEqual({ kind: 'problems', problems: ['decided'] });
	});
});
