import type { Database } from './store';

interface LeaseDoc {
	_id: string;
	_rev?: string;
	holder: string;
	/** Milliseconds since the epoch, by the holder's clock. */
	expiresAt: number;
}

function isConflict(error: unknown): boolean {
	return (error as { status?: number }).status === 409;
}

/**
 * A lease in the store, so that one process of a deployment does some work even when several share
 * one CouchDB. Taken and renewed with CouchDB's revision check: of two processes putting the lease
 * over the same revision, one gets 409 and has lost. A holder that dies stops renewing; once its
 * lease has expired another process takes it. Expiry is judged by wall clocks, so the lease lasts
 * far longer than the clocks of two servers may differ.
 */
export class Lease {
	private rev: string | null = null;
	private expiresAt = 0;

	constructor(
		private readonly db: Database,
		private readonly id: string,
		readonly holder: string,
		readonly durationMs: number
	) {}

	/** Whether this process holds the lease now, as far as it knows. */
	get held(): boolean {
		return this.rev !== null && Date.now() < this.expiresAt;
	}

	/** Takes the lease when it is free, expired or ours, and renews it; false when another holds it. */
	async claim(): Promise<boolean> {
		const current = (await this.db.get(this.id).catch(() => null)) as LeaseDoc | null;
		const now = Date.now();
		if (current && current.holder !== this.holder && current.expiresAt > now) {
			this.rev = null;
			return false;
		}
		const expiresAt = now + this.durationMs;
		try {
			const result = await this.db.put({
				_id: this.id,
				holder: this.holder,
				expiresAt,
				...(current?._rev ? { _rev: current._rev } : {})
			});
			this.rev = result.rev;
			this.expiresAt = expiresAt;
			return true;
		} catch (error) {
			if (!isConflict(error)) throw error;
			this.rev = null;
			return false;
		}
	}

	/** Gives the lease up, so that another process need not wait for it to expire. */
	async release(): Promise<void> {
		const rev = this.rev;
		this.rev = null;
		if (!rev) return;
		await this.db.remove(this.id, rev).catch((error: unknown) => {
			// Taken over meanwhile: it is not ours to remove.
			if (!isConflict(error)) throw error;
		});
	}
}
