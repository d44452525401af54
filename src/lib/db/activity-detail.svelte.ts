import { NO_BADGES, type HeldBadges } from '../domain/codes/badge-registry';
import type { Activity, Attendance, AttendanceDoc, Member } from '../domain/registry';
import { isAttendanceRecord } from '../domain/events/attendance-record';
import { observeActivityKey, type ActivityKeySource } from './activity-keys';
import type { RuleOf } from '../domain/events/service-hours';
import { observeRoundingRules } from './service-rounding.svelte';
import { signedInDevice } from './device-context.svelte';
import { heldBadges } from './held-badges';
import { observe } from './observe.svelte';
import type { Person } from '../domain/events/kiosk-check-in';
import { plainDocs } from './plain-docs';
import { activityDoc } from './activity-docs';

/**
 * One activity as this device holds it: the activity, its signing key (organisers' devices only),
 * its attendance, the badge data a kiosk verifies against, and the people expected there.
 */
export function observeActivityDetail(activityId: () => string) {
	const device = signedInDevice();
	// Undefined until the local query first answers, so "not on this device" is not shown early.
	const activity = observe<Activity | null | undefined>(
		() => device.db.activities.findOne(activityId()).$.pipe(activityDoc()),
		undefined
	);
	const publicKey = $derived(activity.current?.publicKey);
	const signingKey = observe(() => {
		const key = publicKey;
		return key ? observeActivityKey(device.db, activityId(), key) : null;
	}, null);
	// The records of people, the server's notes about them and the walk-ins named only. Their ids
	// all start with the activity's (attendance-record.ts, late-sync.ts, walk-ins.ts), so a range of
	// the primary key finds them: the collection has no `activityId` index now that claims, which
	// have no activity, share it.
	const listed = observe(
		() =>
			device.db.attendance
				.find({
					selector: {
						id: { $gt: `${activityId()}.`, $lt: `${activityId()}.\uffff` },
						activityId: activityId()
					}
				})
				.$.pipe(plainDocs<AttendanceDoc>()),
		[]
	);
	const records = $derived(listed.current.filter(isAttendanceRecord));
	const badges = observe(() => heldBadges(device.db), NO_BADGES);
	const hostBranchId = $derived(activity.current?.hostBranchId);
	// The whole host branch is expected at a branch-wide activity (R8); its members are on the
	// devices of its secretary, who usually runs it.
	const branchMembers = observe(() => {
		const branchId = hostBranchId;
		if (!branchId || activity.current?.expected !== 'branch') return null;
		return device.db.members
			.find({ selector: { branchId }, sort: [{ id: 'asc' }] })
			.$.pipe(plainDocs<Member>());
	}, []);

	/** Everyone an organiser may check in by hand: the expected branch, and who signed up. */
	const people = $derived.by((): Person[] => {
		const signedUp = records
			.filter((r) => r.kind === 'signup')
			.map(({ memberId, memberName, branchId, orgId }) => ({
				memberId,
				memberName,
				branchId,
				orgId
			}));
		const branch = branchMembers.current.map((m) => ({
			memberId: m.id,
			memberName: m.name,
			branchId: m.branchId,
			orgId: m.orgId
		}));
		// One entry per member (a signup id is per member); the profile wins over the signup.
		const others = signedUp.filter((p) => !branch.some((b) => b.memberId === p.memberId));
		return [...branch, ...others].sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'));
	});

	const rounding = observeRoundingRules();
	return {
		/** How each member's bureau rounds service time. */
		get ruleOf(): RuleOf {
			return rounding.current;
		},
		get activity() {
			return activity.current;
		},
		get secretKey(): string | undefined {
			return signingKey.current?.secretKey;
		},
		/** `this-device`: the shared copy was refused or has not synced; other organisers lack it. */
		get secretKeySource(): ActivityKeySource | undefined {
			return signingKey.current?.source;
		},
		get records(): Attendance[] {
			return records;
		},
		/** Everything the attendance list shows: records, late-sync notes, walk-ins (需核实). */
		get listed(): AttendanceDoc[] {
			return listed.current;
		},
		/** Issuer keys, the badge entries this device may see and the revocation list. */
		get badges(): HeldBadges {
			return badges.current;
		},
		get people(): Person[] {
			return people;
		},
		/** The host branch's members (empty unless the whole branch is expected). */
		get branchMembers(): Member[] {
			return branchMembers.current;
		}
	};
}
