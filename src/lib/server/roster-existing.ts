import { createHash } from 'node:crypto';
import { isCommunity, type Community } from '../domain/directory/communities';
import { isOrg, type Org } from '../domain/directory/orgs';
import { isContact, type Contact } from '../domain/people/contacts';
import type { Member } from '../domain/people/members';
import type { ExistingAccount, ExistingRoster } from '../domain/roster/roster-plan';
import type { Account } from './accounts';
import { plainOf, type StoredDoc } from './stored-doc';
import type { DatabaseName, Store } from './store';

const PAGE = 1_000;

/** What an import plans against, and what only the server keeps of it. */
export interface ExistingState {
	existing: ExistingRoster;
	/** The stored documents the plan may replace, by `<database>/<id>`: their revision and body. */
	stored: Map<string, StoredDoc>;
	/**
	 * A hash of what the plan matched rows against and decided by: a job whose hash moved since its
	 * preview is stale. It covers the community tree and the bureau's orgs by id, kind, name and
	 * parent; the bureau's members by id and branch; their contacts by member and mobile (mobiles
	 * match rows to members); accounts by what the plan reads of them (roles, member, branch, name).
	 * Not revisions nor other fields (skills, a branch's linked community…): apply copes with a
	 * document edited since the preview (roster-apply.ts). Not the other bureaus' mobiles either:
	 * the run checks only the mobiles the plan gives new contacts against them (roster-runner.ts).
	 */
	fingerprint: string;
	/** The members whose account has a password (activated), for the export. */
	activated: Set<string>;
}

/** Every document of a database, a page at a time (design documents left out). */
export async function* scanDatabase(store: Store, name: DatabaseName): AsyncGenerator<StoredDoc> {
	let startkey: string | undefined;
	for (;;) {
		const page = await store.db(name).allDocs({
			include_docs: true,
			limit: PAGE + 1,
			...(startkey === undefined ? {} : { startkey })
		});
		for (const row of page.rows.slice(0, PAGE)) {
			if (row.doc && !row.id.startsWith('_design/')) yield row.doc;
		}
		const next = page.rows[PAGE];
		if (!next) return;
		startkey = next.id;
	}
}

export const storedKey = (database: DatabaseName, id: string) => `${database}/${id}`;

/**
 * The bureau as an import sees it: the whole community tree, the bureau and its branches, its
 * members with their contacts and accounts, and the mobiles of every other member (contacts are
 * not kept by bureau: one scan of them serves both). Null when `bureauId` is not a bureau.
 */
export async function readExistingState(
	store: Store,
	bureauId: string
): Promise<ExistingState | null> {
	const stored = new Map<string, StoredDoc>();
	const hash = createHash('sha256');
	const communities: Community[] = [];
	const orgs: Org[] = [];
	let bureau = false;
	for await (const doc of scanDatabase(store, 'directory')) {
		const plain = plainOf<Record<string, unknown>>(doc);
		if (isCommunity(plain)) communities.push(plain);
		else if (isOrg(plain) && (plain.id === bureauId || plain.parentId === bureauId)) {
			orgs.push(plain);
			if (plain.id === bureauId && plain.kind === 'bureau') bureau = true;
		} else continue;
		stored.set(storedKey('directory', doc._id), doc);
		hash.update(`d ${JSON.stringify([plain.id, plain.kind, plain.name, plain.parentId ?? ''])}\n`);
	}
	if (!bureau) return null;

	const members = new Map<string, Member>();
	for await (const doc of scanDatabase(store, 'members')) {
		if (doc['orgId'] !== bureauId) continue;
		const member = plainOf<Member>(doc);
		members.set(doc._id, member);
		stored.set(storedKey('members', doc._id), doc);
		hash.update(`m ${JSON.stringify([member.id, member.branchId])}\n`);
	}

	const contacts = new Map<string, Contact>();
	const elsewhere: string[] = [];
	for await (const doc of scanDatabase(store, 'contacts')) {
		if (!isContact(doc)) continue;
		const contact = plainOf<Contact>(doc);
		if (members.has(contact.memberId)) {
			contacts.set(contact.memberId, contact);
			stored.set(storedKey('contacts', doc._id), doc);
			hash.update(`c ${JSON.stringify([contact.memberId, contact.phone])}\n`);
		} else if (typeof contact.phone === 'string') elsewhere.push(contact.phone);
	}

	const accounts = new Map<string, ExistingAccount>();
	const activated = new Set<string>();
	for await (const doc of scanDatabase(store, 'accounts')) {
		const account = doc as unknown as Account;
		if (!account.memberId || !members.has(account.memberId)) continue;
		accounts.set(account.memberId, {
			username: account._id,
			roles: account.roles,
			displayName: account.displayName,
			memberId: account.memberId,
			...(account.branchId ? { branchId: account.branchId } : {}),
			...(account.orgId ? { orgId: account.orgId } : {})
		});
		if (account.passwordHash) activated.add(account.memberId);
		hash.update(
			`a ${account._id} ${account.memberId} ${account.branchId ?? ''} ${account.orgId ?? ''} ${account.displayName} ${JSON.stringify(account.roles)}\n`
		);
	}

	return {
		existing: {
			bureauId,
			communities,
			orgs,
			members: [...members.values()].map((member) => ({
				member,
				contact: contacts.get(member.id) ?? null,
				account: accounts.get(member.id) ?? null
			})),
			mobilesElsewhere: new Set(elsewhere)
		},
		stored,
		fingerprint: hash.digest('base64url'),
		activated
	};
}
