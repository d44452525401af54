import type { ChangeHub } from './change-hub';
import type { SeqTokens } from './seq-token';
import type { DatabaseName, Store } from './store';

/** What every request handler of one server process shares. */
export interface ServerContext {
	store: Store;
	now: () => Date;
	sessionTtlMs: number;
	tokens: SeqTokens;
	hub(name: DatabaseName): ChangeHub;
	/** The longest a longpoll is held, below common proxy timeouts. */
	maxLongpollMs: number;
}
