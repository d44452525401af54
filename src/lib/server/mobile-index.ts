import type { Watch } from './change-hub';
import type { Store } from './store';
import { isContact } from '../domain/people/contacts';

const PAGE = 1_000;

/**
 * Which member a mobile number belongs to, from the `contacts` database: built on the first
 * question (one scan), then kept current from the database's changes through the process's hub.
 * Derived and in memory, like the caller cache: each app process keeps its own.
 */
export class MobileIndex {
	private byPhone: Map<string, string> | null = null;
	private readonly phoneOf = new Map<string, string>();
	private building: Promise<Map<string, string>> | null = null;
	/** Changes seen while a scan runs: read again once it ends. */
	private readonly changedDuringBuild = new Set<string>();
	private stopWatching: (() => void) | null = null;
	/** Moves on when the feed is lost: a scan begun before then is not kept. */
	private generation = 0;

	constructor(
		private readonly store: Store,
		private readonly watch: Watch
	) {}

	async memberIdOf(phone: string): Promise<string | null> {
		return (await this.ready()).get(phone) ?? null;
	}

	close(): void {
		this.stopWatching?.();
		this.stopWatching = null;
	}

	private ready(): Promise<Map<string, string>> {
		if (this.byPhone) return Promise.resolve(this.byPhone);
		// Watching first: a change made while the scan reads is then read again, never lost.
		this.stopWatching ??= this.watch('contacts', (id) => this.changed(id));
		this.building ??= this.build().finally(() => (this.building = null));
		return this.building;
	}

	private async build(): Promise<Map<string, string>> {
		const generation = this.generation;
		const byPhone = new Map<string, string>();
		this.phoneOf.clear();
		let startkey: string | undefined;
		for (;;) {
			const page = await this.store.db('contacts').allDocs({
				include_docs: true,
				limit: PAGE + 1,
				...(startkey ? { startkey } : {})
			});
			for (const row of page.rows.slice(0, PAGE)) this.set(byPhone, row.id, row.doc);
			const next = page.rows[PAGE];
			if (!next) break;
			startkey = next.id;
		}
		if (generation !== this.generation) return byPhone;
		this.byPhone = byPhone;
		const again = [...this.changedDuringBuild];
		this.changedDuringBuild.clear();
		await Promise.all(again.map((id) => this.refresh(id)));
		return byPhone;
	}

	private changed(id: string | null): void {
		if (id === null) {
			// The feed was lost: anything may have changed; the next question scans again.
			this.byPhone = null;
			this.generation += 1;
			this.changedDuringBuild.clear();
			return;
		}
		if (this.byPhone) void this.refresh(id);
		else if (this.building) this.changedDuringBuild.add(id);
	}

	private async refresh(id: string): Promise<void> {
		const doc = await this.store
			.db('contacts')
			.get(id)
			.catch(() => null);
		if (this.byPhone) this.set(this.byPhone, id, doc);
	}

	private set(byPhone: Map<string, string>, memberId: string, doc: unknown): void {
		const before = this.phoneOf.get(memberId);
		if (before && byPhone.get(before) === memberId) byPhone.delete(before);
		this.phoneOf.delete(memberId);
		const phone = (doc as { phone?: unknown; _deleted?: boolean } | null | undefined)?.phone;
		if (typeof phone !== 'string' || (doc as { _deleted?: boolean })._deleted) return;
		// Residents' phones share the collection: a typed number finds members only.
		if (!isContact(doc as object)) return;
		byPhone.set(phone, memberId);
		this.phoneOf.set(memberId, phone);
	}
}
