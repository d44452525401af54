import type { CallerCache } from './caller-cache';
import type { ChangeHub } from './change-hub';
import type { SharedReads } from './doc-lookup';
import type { GroupCommit } from './group-commit';
import type { SeqTokens } from './seq-token';
import type { DatabaseName, Store } from './store';

/** What every request handler of one server process shares. */
export interface ServerContext {
	store: Store;
	now: () => Date;
	sessionTtlMs: number;
	tokens: SeqTokens;
	/** Who each session is, remembered until a document it was read from changes. */
	callers: CallerCache;
	/** The documents pushed writes cite, read once and kept until they change (doc-lookup.ts). */
	reads: SharedReads;
	/** Pushed documents are written through it: concurrent pushes share one store write. */
	writes: GroupCommit;
	hub(name: DatabaseName): ChangeHub;
	/** The longest a longpoll is held, below common proxy timeouts. */
	maxLongpollMs: number;
	/** Aborted when the process shuts down: nothing is held open any more (shutdown.ts). */
	closing: AbortSignal;
}
