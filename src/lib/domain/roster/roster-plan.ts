import type { RoleGrant } from '../access/roles';
import { communities as communityKind, type Community } from '../directory/communities';
import { orgs as orgKind, type LinkChange, type Org } from '../directory/orgs';
import { contacts as contactKind, type Contact } from '../people/contacts';
import { members as memberKind, type Member } from '../people/members';
import { PlaceIndex } from './community-paths';
import { normalizeIdNumber } from './id-numbers';
import { maskMobile, normalizeMobile } from './mobile-numbers';
import { ROSTER_TABLES, type RosterTableName } from './roster-columns';
import { checkRoster } from './roster-checks';
import type { MemberRow, Roster, RosterProblem, RosterProblemCode } from './roster-rows';

export interface ExistingAccount {
	username: string;
	roles: RoleGrant[];
	displayName?: string;
	memberId?: string;
	branchId?: string;
	orgId?: string;
}

export interface ExistingRoster {
	bureauId: string;
	/** The whole shared tree (directory kinds city, county, street, community). */
	communities: Community[];
	/** This bureau and its branches. */
	orgs: Org[];
	/** This bureau's members. */
	members: Array<{ member: Member; contact: Contact | null; account: ExistingAccount | null }>;
	/** Mobiles of members of other bureaus: the server computes them and never returns them. */
	mobilesElsewhere: ReadonlySet<string>;
}

export interface PlanOptions {
	/** ISO instant every written document is stamped with. */
	now: string;
	/** A new random id; never derived from a mobile. */
	newId: (prefix: 'cm' | 'br' | 'm') => string;
	/** The office account importing: it sets the branches' links. */
	by: string;
}

export interface PlannedAccount {
	username: string;
	displayName: string;
	memberId: string;
	branchId: string;
	orgId: string;
	roles: RoleGrant[];
}

export type PlannedWrite =
	| {
			database: 'directory' | 'members' | 'contacts';
			/** The full new body, id and channels included. */
			doc: Record<string, unknown>;
			previousRev?: string;
	  }
	| { database: 'accounts'; account: PlannedAccount };

export interface RowChange {
	table: RosterTableName;
	row: number;
	change: 'create' | 'update';
	/** The Chinese headers of the fields that change. */
	fields: string[];
	/** Whom or what the row is about, e.g. a name and branch; never a mobile. */
	label: string;
}

export type RosterSummary = Record<
	RosterTableName,
	{ create: number; update: number; unchanged: number }
>;

export interface RosterPlan {
	problems: RosterProblem[];
	/** Communities (parents first), branches, members, contacts, accounts, then secretaries. */
	writes: PlannedWrite[];
	changes: RowChange[];
	summary: RosterSummary;
	/** The bureau's members the file does not list: left as they are. */
	untouchedMembers: number;
}

const header = (table: RosterTableName, key: string) =>
	ROSTER_TABLES[table].columns.find((c) => c.key === key)?.header ?? key;

/** Grants compared as a set: their order carries no meaning. */
function sameRoles(a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean {
	const key = (grant: RoleGrant) =>
		Object.entries(grant)
			.map(([k, v]) => `${k}=${String(v)}`)
			.sort()
			.join('&');
	const left = new Set(a.map(key));
	return a.length === b.length && b.every((grant) => left.has(key(grant)));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * What importing a roster into a bureau would write, row by row, against what is stored: places
 * by their names down the tree, branches by name within the bureau, members by mobile. Pure: the
 * preview shows it, the import runs its writes, and planning again against the state the writes
 * produced finds nothing to write.
 */
export function planRoster(
	roster: Roster,
	existing: ExistingRoster,
	options: PlanOptions
): RosterPlan {
	const { now } = options;
	const problems = checkRoster(roster);
	const badRows = new Set(problems.map((p) => `${p.table ?? ''}:${p.row ?? ''}`));
	const flag = (
		table: RosterTableName,
		row: number,
		key: string,
		code: RosterProblemCode,
		value?: string
	) => {
		problems.push({
			table,
			row,
			column: header(table, key),
			code,
			...(value !== undefined ? { value } : {})
		});
		badRows.add(`${table}:${row}`);
	};
	const usable = <R extends { row: number }>(table: RosterTableName, rows: readonly R[]) =>
		rows.filter((r) => !badRows.has(`${table}:${r.row}`));

	const changes: RowChange[] = [];
	const summary: RosterSummary = {
		communities: { create: 0, update: 0, unchanged: 0 },
		branches: { create: 0, update: 0, unchanged: 0 },
		members: { create: 0, update: 0, unchanged: 0 }
	};
	const record = (change: RowChange | null, table: RosterTableName) => {
		if (change) {
			changes.push(change);
			summary[table][change.change]++;
		} else summary[table].unchanged++;
	};

	// Communities ------------------------------------------------------------------------------
	const places = new PlaceIndex(existing.communities);
	const placeWrites = new Map<string, Community>();
	const placeDoc = (place: Omit<Community, 'channels' | 'updatedAt'>): Community => {
		const doc: Community = { ...place, updatedAt: now, channels: [] };
		doc.channels = communityKind.channelsOf(doc);
		places.put(doc);
		placeWrites.set(doc.id, doc);
		return doc;
	};
	const level = (
		parentId: string | undefined,
		kind: Community['kind'],
		name: string,
		changed: string[],
		column: string
	): Community => {
		const found = places.child(parentId, kind, name);
		if (found) return found;
		// A county stored before cities were kept is taken into the city the file names.
		const orphan = kind === 'county' ? places.child(undefined, 'county', name) : undefined;
		changed.push(column);
		if (orphan) return placeDoc({ ...orphan, parentId });
		return placeDoc({ id: options.newId('cm'), kind, name, ...(parentId ? { parentId } : {}) });
	};
	for (const row of usable('communities', roster.communities)) {
		const changed: string[] = [];
		const city = level(undefined, 'city', row.city, changed, header('communities', 'city'));
		const district = level(
			city.id,
			'county',
			row.district,
			changed,
			header('communities', 'district')
		);
		const street = level(
			district.id,
			'street',
			row.street,
			changed,
			header('communities', 'street')
		);
		const before = changed.length;
		const community = level(
			street.id,
			'community',
			row.community,
			changed,
			header('communities', 'community')
		);
		const created = changed.length > before;
		record(
			changed.length === 0
				? null
				: {
						table: 'communities',
						row: row.row,
						change: created ? 'create' : 'update',
						fields: changed,
						label: places.label(community)
					},
			'communities'
		);
	}
	const resolve = (table: RosterTableName, row: number, key: string, reference: string) => {
		const found = places.resolve(reference);
		if (found === 'ambiguous') flag(table, row, key, 'ambiguous-community', reference);
		else if (!found) flag(table, row, key, 'unknown-community', reference);
		return found === 'ambiguous' || !found ? null : found;
	};

	// Branches ---------------------------------------------------------------------------------
	const branchByName = new Map<string, Org>();
	const branchById = new Map<string, Org>();
	for (const org of existing.orgs) {
		if (org.kind === 'branch' && org.parentId === existing.bureauId) {
			branchByName.set(org.name, org);
			branchById.set(org.id, org);
		}
	}
	const orgWrites: Org[] = [];
	const fileBranches = new Set(roster.branches.map((b) => b.name));
	const orgDoc = (org: Org): Org => {
		const doc: Org = { ...org, updatedAt: now };
		doc.channels = orgKind.channelsOf(doc);
		branchByName.set(doc.name, doc);
		branchById.set(doc.id, doc);
		return doc;
	};
	for (const row of usable('branches', roster.branches)) {
		const linked = row.linkedCommunity
			? resolve('branches', row.row, 'linkedCommunity', row.linkedCommunity)
			: null;
		if (badRows.has(`branches:${row.row}`)) continue;
		const stored = branchByName.get(row.name);
		const link = (org: Org): Org => {
			if (!linked || org.linkedCommunityId === linked.id) return org;
			const change: LinkChange = { communityId: linked.id, from: now, by: options.by };
			return {
				...org,
				linkedCommunityId: linked.id,
				linkHistory: [...(org.linkHistory ?? []), change]
			};
		};
		if (!stored) {
			const doc = orgDoc(
				link({
					id: options.newId('br'),
					kind: 'branch',
					name: row.name,
					parentId: existing.bureauId,
					updatedAt: now,
					channels: []
				})
			);
			orgWrites.push(doc);
			record(
				{ table: 'branches', row: row.row, change: 'create', fields: [], label: row.name },
				'branches'
			);
			continue;
		}
		const next = link(stored);
		if (next === stored) {
			record(null, 'branches');
			continue;
		}
		orgWrites.push(orgDoc(next));
		record(
			{
				table: 'branches',
				row: row.row,
				change: 'update',
				fields: [header('branches', 'linkedCommunity')],
				label: row.name
			},
			'branches'
		);
	}

	// Members ----------------------------------------------------------------------------------
	const storedByMobile = new Map<string, ExistingRoster['members'][number]>();
	for (const entry of existing.members)
		if (entry.contact) storedByMobile.set(entry.contact.phone, entry);
	const memberWrites: Member[] = [];
	const contactWrites: Contact[] = [];
	const accountWrites: PlannedAccount[] = [];
	const secretaryOf = new Map<string, string>();
	/** Every member the file lists, with the branch the file makes them secretary of (or null). */
	const listed = new Map<string, string | null>();
	let matched = 0;

	for (const row of usable('members', roster.members)) {
		const mobile = normalizeMobile(row.mobile) ?? '';
		if (existing.mobilesElsewhere.has(mobile)) {
			flag('members', row.row, 'mobile', 'mobile-taken', maskMobile(mobile));
			continue;
		}
		const branch = branchByName.get(row.branch);
		// A branch of the file with a problem of its own is named there already.
		if (!branch && fileBranches.has(row.branch)) continue;
		if (!branch) {
			flag(
				'members',
				row.row,
				'branch',
				row.secretary ? 'secretary-branch-missing' : 'unknown-branch',
				row.branch
			);
			continue;
		}
		const residence = row.residence
			? resolve('members', row.row, 'residence', row.residence)
			: null;
		if (badRows.has(`members:${row.row}`)) continue;
		const stored = storedByMobile.get(mobile);
		if (stored) matched++;
		const planned = planMember(row, stored, {
			bureauId: existing.bureauId,
			branch,
			mobile,
			residenceId: residence?.id,
			now,
			newId: () => options.newId('m')
		});
		if (planned.member) memberWrites.push(planned.member);
		if (planned.contact) contactWrites.push(planned.contact);
		if (planned.account) accountWrites.push(planned.account);
		if (row.secretary) secretaryOf.set(branch.id, planned.memberId);
		listed.set(planned.memberId, row.secretary ? branch.id : null);
		record(
			planned.fields === null
				? {
						table: 'members',
						row: row.row,
						change: 'create',
						fields: [],
						label: `${row.name}（${row.branch}）`
					}
				: planned.fields.length > 0
					? {
							table: 'members',
							row: row.row,
							change: 'update',
							fields: planned.fields,
							label: `${row.name}（${row.branch}）`
						}
					: null,
			'members'
		);
	}

	// Secretaries, once their profiles exist ------------------------------------------------------
	const secretaryWrites: Org[] = [];
	for (const branch of branchById.values()) {
		const wanted = secretaryOf.get(branch.id);
		const current = branch.secretaryMemberId;
		// A secretary the file lists as a plain member, or as another branch's, is no longer this one's.
		const kept =
			current && listed.has(current) && listed.get(current) !== branch.id ? undefined : current;
		const next = wanted ?? kept;
		if (next === current) continue;
		// The schemas take no `undefined`: a branch without a secretary has no such field.
		const doc: Org = { ...branch };
		delete doc.secretaryMemberId;
		secretaryWrites.push(orgDoc(next ? { ...doc, secretaryMemberId: next } : doc));
	}

	const writes: PlannedWrite[] = [
		...[...placeWrites.values()].map((doc) => directoryWrite('directory', doc)),
		...orgWrites.map((doc) => directoryWrite('directory', doc)),
		...memberWrites.map((doc) => directoryWrite('members', doc)),
		...contactWrites.map((doc) => directoryWrite('contacts', doc)),
		...accountWrites.map((account) => ({ database: 'accounts' as const, account })),
		...secretaryWrites.map((doc) => directoryWrite('directory', doc))
	];
	return {
		problems,
		writes,
		changes,
		summary,
		untouchedMembers: existing.members.length - matched
	};
}

function directoryWrite(database: 'directory' | 'members' | 'contacts', doc: object): PlannedWrite {
	return { database, doc: doc as Record<string, unknown> };
}

interface MemberContext {
	bureauId: string;
	branch: Org;
	mobile: string;
	residenceId: string | undefined;
	now: string;
	newId: () => string;
}

interface PlannedMember {
	memberId: string;
	member: Member | null;
	contact: Contact | null;
	account: PlannedAccount | null;
	/** Null for a new member; else the headers of what changes (none: unchanged). */
	fields: string[] | null;
}

function rolesFor(stored: readonly RoleGrant[], branchId: string, secretary: boolean): RoleGrant[] {
	const kept = stored.filter((grant) => grant.role !== 'member' && grant.role !== 'secretary');
	return [
		{ role: 'member' },
		...(secretary ? [{ role: 'secretary' as const, branchId }] : []),
		...kept
	];
}

function dutiesFor(stored: readonly string[], secretary: boolean): string[] {
	const others = stored.filter((duty) => duty !== 'secretary');
	return secretary ? [...others, 'secretary'] : others;
}

/** One member row: the profile, contact and account it makes or changes. */
function planMember(
	row: MemberRow,
	stored: ExistingRoster['members'][number] | undefined,
	context: MemberContext
): PlannedMember {
	const { branch, now } = context;
	const idNumber = row.idNumber ? (normalizeIdNumber(row.idNumber) ?? undefined) : undefined;
	const memberId = stored?.member.id ?? context.newId();
	const residenceId = row.residence ? context.residenceId : stored?.member.residenceCommunityId;

	const member: Member = {
		...(stored?.member ?? { skills: [], interests: [] }),
		id: memberId,
		orgId: context.bureauId,
		branchId: branch.id,
		name: row.name,
		...(residenceId ? { residenceCommunityId: residenceId } : {}),
		duties: dutiesFor(stored?.member.duties ?? [], row.secretary),
		updatedAt: now,
		channels: []
	};
	member.channels = memberKind.channelsOf(member);
	const contactResidence = row.residence
		? context.residenceId
		: stored?.contact?.residenceCommunityId;
	const contactId = idNumber ?? stored?.contact?.idNumber;
	const contact: Contact = {
		...(stored?.contact ?? {}),
		id: memberId,
		memberId,
		branchId: branch.id,
		...(contactResidence ? { residenceCommunityId: contactResidence } : {}),
		phone: context.mobile,
		...(contactId ? { idNumber: contactId } : {}),
		updatedAt: now,
		channels: []
	};
	contact.channels = contactKind.channelsOf(contact);
	const account: PlannedAccount = {
		username: stored?.account?.username ?? memberId.toLowerCase(),
		displayName: row.name,
		memberId,
		branchId: branch.id,
		orgId: context.bureauId,
		roles: rolesFor(stored?.account?.roles ?? [], branch.id, row.secretary)
	};
	if (!stored) return { memberId, member, contact, account, fields: null };

	const before = stored.member;
	const fields = new Set<string>();
	if (before.name !== member.name) fields.add('姓名');
	if (before.branchId !== member.branchId || before.orgId !== member.orgId) fields.add('所在支部');
	if (before.residenceCommunityId !== member.residenceCommunityId) fields.add('居住社区');
	if (!sameList(before.duties, member.duties)) fields.add('角色');
	const memberChanged = fields.size > 0;

	const oldContact = stored.contact;
	const contactChanged =
		!oldContact ||
		oldContact.branchId !== contact.branchId ||
		oldContact.residenceCommunityId !== contact.residenceCommunityId ||
		oldContact.idNumber !== contact.idNumber;
	if (oldContact && oldContact.idNumber !== contact.idNumber) fields.add('身份证号');
	if (oldContact && oldContact.residenceCommunityId !== contact.residenceCommunityId)
		fields.add('居住社区');

	const oldAccount = stored.account;
	const accountChanged =
		!oldAccount ||
		oldAccount.displayName !== account.displayName ||
		oldAccount.memberId !== account.memberId ||
		oldAccount.branchId !== account.branchId ||
		oldAccount.orgId !== account.orgId ||
		!sameRoles(oldAccount.roles, account.roles);
	if (oldAccount && !sameRoles(oldAccount.roles, account.roles)) fields.add('角色');
	if (!oldAccount) fields.add('账号');

	return {
		memberId,
		member: memberChanged ? member : null,
		contact: contactChanged ? contact : null,
		account: accountChanged ? account : null,
		fields: [...fields]
	};
}
