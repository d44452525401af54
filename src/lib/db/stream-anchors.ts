interface Anchor {
	seq: string | undefined;
	ready: Promise<void>;
	resolve: () => void;
}

/**
 * Where each collection's live stream starts. RxDB's CouchDB plugin opens its longpoll with
 * `since=now` beside its checkpoint pull. When the browser queues that longpoll (six connections
 * per origin) until after the pull has read the feed, a change written between the two reaches
 * neither, and stays missing until the next full resync. So a `since=now` longpoll waits for the
 * pull's final page and continues from its `last_seq` instead: nothing falls between them, and
 * a document that comes twice is absorbed by replication.
 */
export class StreamAnchors {
	private readonly anchors = new Map<string, Anchor>();

	/** Forgets every anchor: a new run of the replications pulls from its checkpoints again. */
	reset(): void {
		for (const anchor of this.anchors.values()) anchor.resolve();
		this.anchors.clear();
	}

	/** The request to send for `url`: a `since=now` longpoll is anchored to the checkpoint pull. */
	async rewrite(url: string): Promise<string> {
		const parsed = new URL(url);
		if (!isChanges(parsed) || parsed.searchParams.get('feed') !== 'longpoll') return url;
		if (parsed.searchParams.get('since') !== 'now') return url;
		const anchor = this.anchorOf(parsed);
		await anchor.ready;
		if (anchor.seq === undefined) return url;
		parsed.searchParams.set('since', anchor.seq);
		return parsed.toString();
	}

	/** Notes where a checkpoint pull has got to, once it has read to the end of the feed. */
	async observe(url: string, response: Response): Promise<void> {
		const parsed = new URL(url);
		if (!isChanges(parsed) || parsed.searchParams.get('feed') === 'longpoll') return;
		const limit = Number(parsed.searchParams.get('limit') ?? Infinity);
		const body = (await response.clone().json()) as { results?: unknown[]; last_seq?: unknown };
		const results = body.results?.length ?? 0;
		if (typeof body.last_seq !== 'string' || results >= limit) return;
		const anchor = this.anchorOf(parsed);
		anchor.seq = body.last_seq;
		anchor.resolve();
	}

	private anchorOf(url: URL): Anchor {
		const key = url.origin + url.pathname;
		let anchor = this.anchors.get(key);
		if (!anchor) {
			let resolve = () => undefined as void;
			const ready = new Promise<void>((done) => (resolve = done));
			anchor = { seq: undefined, ready, resolve };
			this.anchors.set(key, anchor);
		}
		return anchor;
	}
}

function isChanges(url: URL): boolean {
	return url.pathname.endsWith('/_changes');
}
