import { describe, expect, it } from 'vitest';
import { secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { checkWrite, relatedKey } from '../access/write-policy';
import type { AnyDoc } from '../registry';
import {
	decisionItem,
	newMinutes,
	readMinutes,
	readSchedule,
	unitNames,
	type DecisionDraft,
	type MinutesDraft
} from './meeting-drafts';
import type { MeetingDecision, Minutes } from './minutes';

/** br1 of org-a, linked to cm2, as the directory holds it. */
const branch = { id: 'br1', kind: 'branch', parentId: 'org-a', linkedCommunityId: 'cm2' };
const pair = { branchId: 'br1', communityId: 'cm2', orgId: 'org-a' };
const NOW = new Date('2026-06-01T04:00:00Z');
const LATER = new Date('2026-06-12T04:00:00Z');

function scheduled(): Minutes {
	return newMinutes({
		activity: { id: 'act-meeting', startsAt: '2026-06-10T01:00:00.000Z' },
		pair,
		schedule: { agenda: '商议下半年民生项目', invitedUnits: ['社区卫生服务站'] },
		side: 'branch',
		by: 'secretary1',
		now: NOW
	});
}

/** A decision as the meeting took it. */
const decided: MeetingDecision = {
	text: '为老旧小区加装扶手',
	owner: '王书记',
	dueOn: '2026-09-30',
	list: 'projects'
};

function decision(overrides: Partial<DecisionDraft> = {}): DecisionDraft {
	return { ...decided, ...overrides };
}

function draft(overrides: Partial<MinutesDraft> = {}): MinutesDraft {
	return {
		attendees: [{ name: '李主任', unit: '丰收社区居委会' }],
		text: '会议商定三件实事。',
		decisions: [decision()],
		...overrides
	};
}

/** The gateway's verdict on writing `next` (over `prev`), with the directory and ledger it holds. */
function verdict(actor: Actor, next: object, prev: object | null, ledger: Minutes[] = []) {
	const related = new Map<string, Record<string, unknown>>([
		[relatedKey({ collection: 'directory', id: 'br1' }), branch],
		...ledger.map((m): [string, Record<string, unknown>] => [
			relatedKey({ collection: 'ledger', id: m.id }),
			{ ...m }
		])
	]);
	return checkWrite({
		collection: 'ledger',
		actor,
		prev: prev as AnyDoc | null,
		next: next as AnyDoc,
		deleting: false,
		subject: null,
		related,
		relatedComplete: true,
		now: LATER
	});
}

describe('readSchedule', () => {
	it('needs an agenda, of at most 2000 characters', () => {
		expect(readSchedule({ agenda: '  ', invitedUnits: '' })).toEqual({
			ok: false,
			problem: 'agenda-missing'
		});
		expect(readSchedule({ agenda: '议'.repeat(2001), invitedUnits: '' })).toEqual({
			ok: false,
			problem: 'agenda-too-long'
		});
	});

	it('reads the invited units one a line, without blanks or repeats, at most 20 of 60 characters', () => {
		expect(unitNames('社区卫生服务站\n\n 派出所 、社区卫生服务站；物业公司')).toEqual([
			'社区卫生服务站',
			'派出所',
			'物业公司'
		]);
		const many = Array.from({ length: 21 }, (_, i) => `单位${i}`).join('\n');
		expect(readSchedule({ agenda: '议题', invitedUnits: many })).toEqual({
			ok: false,
			problem: 'units'
		});
		expect(readSchedule({ agenda: '议题', invitedUnits: '单'.repeat(61) })).toEqual({
			ok: false,
			problem: 'units'
		});
		expect(readSchedule({ agenda: ' 议题 ', invitedUnits: '派出所' })).toEqual({
			ok: true,
			agenda: '议题',
			invitedUnits: ['派出所']
		});
	});
});

describe('newMinutes', () => {
	it('keeps the schedule under the meeting’s id, on its Shanghai day and year, for the pair', () => {
		const minutes = scheduled();
		expect(minutes).toMatchObject({
			id: 'mi.act-meeting',
			kind: 'minutes',
			activityId: 'act-meeting',
			heldOn: '2026-06-10',
			year: 2026,
			attendees: [],
			decisions: [],
			side: 'branch'
		});
		expect(minutes).not.toHaveProperty('text');
		expect(minutes.channels).toContain('branch:br1/2026');
		expect(verdict(secretary, minutes, null)).toEqual({ ok: true });
	});

	it('dates a meeting at 01:00 on New Year’s Day in Shanghai into the new year', () => {
		const minutes = newMinutes({
			activity: { id: 'act-ny', startsAt: '2026-12-31T17:00:00.000Z' },
			pair,
			schedule: { agenda: '议题', invitedUnits: [] },
			side: 'community',
			by: 'community2',
			now: NOW
		});
		expect(minutes).toMatchObject({ heldOn: '2027-01-01', year: 2027 });
		expect(verdict(staff, minutes, null)).toEqual({ ok: true });
	});
});

describe('readMinutes', () => {
	it('refuses a decision without an owner, numbered as the page shows it', () => {
		const stored = { ...scheduled(), decisions: [{ ...decided, list: 'needs' as const }] };
		const result = readMinutes(
			stored,
			draft({ decisions: [decision({ owner: ' ' })] }),
			'secretary1',
			LATER
		);
		expect(result).toEqual({ ok: false, problems: [{ problem: 'decision-owner', decision: 2 }] });
	});

	it('names every problem of the form: attendees, decisions’ text, due date and list', () => {
		const result = readMinutes(
			scheduled(),
			draft({
				attendees: [
					{ name: '', unit: '派出所' },
					{ name: '张警官', unit: ' ' }
				],
				decisions: [decision({ text: '', dueOn: '9月底', list: '' })]
			}),
			'secretary1',
			LATER
		);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ problem: 'attendee-name', attendee: 1 },
				{ problem: 'attendee-unit', attendee: 2 },
				{ problem: 'decision-text', decision: 1 },
				{ problem: 'decision-due', decision: 1 },
				{ problem: 'decision-list', decision: 1 }
			]
		});
	});

	it('adds the decisions and makes each a ledger item with its owner and due date', () => {
		const stored = scheduled();
		const result = readMinutes(stored, draft(), 'secretary1', LATER);
		if (!result.ok) throw new Error('refused');
		const { minutes, items } = result;
		expect(minutes).toMatchObject({
			text: '会议商定三件实事。',
			attendees: [{ name: '李主任', unit: '丰收社区居委会' }],
			decisions: [decided],
			updatedAt: LATER.toISOString()
		});
		expect(items).toEqual([
			expect.objectContaining({
				id: 'li.mi.act-meeting.d1',
				kind: 'list-item',
				list: 'projects',
				title: '为老旧小区加装扶手',
				owner: '王书记',
				dueOn: '2026-09-30',
				state: 'planned',
				year: 2026,
				side: 'branch',
				fromMinutes: { minutesId: 'mi.act-meeting', decision: 1 },
				trail: [{ at: LATER.toISOString(), by: 'secretary1', change: 'created' }]
			})
		]);
		// The gateway takes both: the minutes over the stored ones, then the item naming them.
		expect(verdict(secretary, minutes, stored)).toEqual({ ok: true });
		expect(verdict(secretary, items[0] ?? {}, null, [minutes])).toEqual({ ok: true });
	});

	it('numbers new decisions after the saved ones, which stay as they are', () => {
		const first = readMinutes(scheduled(), draft(), 'secretary1', LATER);
		if (!first.ok) throw new Error('refused');
		const second = readMinutes(
			first.minutes,
			draft({ decisions: [decision({ text: '建立困难群众台账', list: 'needs' })] }),
			'secretary1',
			LATER
		);
		if (!second.ok) throw new Error('refused');
		expect(second.minutes.decisions.map((d) => d.text)).toEqual([
			'为老旧小区加装扶手',
			'建立困难群众台账'
		]);
		expect(second.items.map((item) => item.id)).toEqual(['li.mi.act-meeting.d2']);
		expect(verdict(secretary, second.minutes, first.minutes)).toEqual({ ok: true });
	});

	it('drops the text when it is emptied again', () => {
		const written = readMinutes(scheduled(), draft({ decisions: [] }), 'secretary1', LATER);
		if (!written.ok) throw new Error('refused');
		const emptied = readMinutes(
			written.minutes,
			draft({ text: '  ', decisions: [] }),
			'secretary1',
			LATER
		);
		expect(emptied.ok && emptied.minutes).not.toHaveProperty('text');
	});
});

describe('decisionItem', () => {
	it('is refused by the gateway when the decision it names has no owner', () => {
		const minutes = { ...scheduled(), decisions: [decided] };
		const item = decisionItem(minutes, 1, 'branch', 'secretary1', LATER);
		const ownerless = { ...minutes, decisions: [{ ...decided, owner: '' }] };
		expect(verdict(secretary, item, null, [minutes])).toEqual({ ok: true });
		expect(verdict(secretary, ownerless, minutes).ok).toBe(false);
		expect(verdict(secretary, { ...item, owner: '' }, null, [minutes]).ok).toBe(false);
	});
});
