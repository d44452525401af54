import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { useEd25519Verifier } from '../domain/codes/ed25519-signing';
import { CallerCache } from './caller-cache';
import { ChangeHubs, type Watch } from './change-hub';
import { compressResponse } from './compression';
import { SharedReads } from './doc-lookup';
import { GroupCommit } from './group-commit';
import { nativeEd25519Verify } from './native-ed25519';
import { applyCouchSetup, warmChannelIndex } from './couch-setup';
import { SeqTokens } from './seq-token';
import type { ServerContext } from './server-context';
import { handleBadge, handleBadgeWithdrawal, handleIssuerRotation } from './badge-api';
import { currentIssuer } from './badge-issuer';
import { migrateBadgeRegistry } from './badge-registry-migration';
import { upgradeBadgeKeys } from './badge-key-upgrade';
import { rechannelStore } from './rechannel';
import { handleActivityLookup } from './activity-lookup';
import { filesEndpoint } from './files-api';
import { memberLookupEndpoint } from './member-lookup';
import { MobileIndex } from './mobile-index';
import { handleOrganiserNames } from './organiser-names';
import { handleRecordDetail } from './record-detail';
import { rosterEndpoint } from './roster-api';
import { RosterImports } from './roster-runner';
import {
	handlePasswordChange,
	handleSession,
	signInGuard,
	type SignInGuardOptions
} from './session-api';
import { handleAccounts } from './accounts-api';
import { handleActivate, handleActivationCodes } from './activation-api';
import { handleAudit } from './audit-api';
import { isPublicNoticePath, publicNoticesEndpoint } from './award-notices-api';
import { workReportEndpoint } from './work-report-api';
import { certificateEndpoint, isCertificatePath } from './certificate-api';
import { HttpError, errorResponse } from './http-json';
import { isCrossOriginWrite } from './request-origin';
import {
	openStore,
	replicatedDatabases,
	type DatabaseName,
	type Store,
	type StoreOptions
} from './store';
import { SummaryWorker } from './summary-worker';
import { ClaimWorker } from './claim-worker';
import { handleSync } from './sync-gateway';
import { publicStoriesEndpoint } from './stories-api';

export interface BaodaoServerOptions extends StoreOptions {
	now?: () => Date;
	sessionTtlMs?: number;
	maxLongpollMs?: number;
	/** Run the summary worker in this process when it holds the lease (default true). */
	summaries?: boolean;
	/** How long the summary worker's lease lasts unrenewed (default 30 s). */
	summaryLeaseMs?: number;
	/** Run the claim worker (places of service items) here when it holds its lease (default true). */
	claims?: boolean;
	/** Sign-in rate limits and hashing gate (session-api.ts); the defaults suit production. */
	signIn?: SignInGuardOptions;
}

export interface BaodaoServer {
	context: ServerContext;
	store: Store;
	/** The summary worker (summary-worker.ts); null when turned off. */
	summaries: SummaryWorker | null;
	/** The claim worker (claim-worker.ts); null when turned off. */
	claims: ClaimWorker | null;
	/**
	 * Answers `/api/session`, `/api/badge[/issuer|/withdraw]`, `/api/files/…`, `/api/records/…`,
	 * `/sync/…`; else null. The JSON answers of the last two go out compressed when the client
	 * asks (compression.ts). A state-changing request from another origin's page is refused
	 * first (request-origin.ts). `clientAddress` (SvelteKit's `getClientAddress()`) keys the
	 * sign-in limits; callers that leave it out share one limit.
	 */
	handle(request: Request, clientAddress?: string): Promise<Response> | null;
	/**
	 * The process is shutting down (shutdown.ts): answers held longpolls now and holds no new
	 * ones, ends the live streams and stops the summary and claim workers, giving up their
	 * leases. Requests in flight still finish; `close` then closes the rest.
	 */
	drain(): void;
	close(): Promise<void>;
}

const DEFAULT_SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const DEFAULT_LONGPOLL_MS = 25_000;
const DEFAULT_SUMMARY_LEASE_MS = 30_000;
const CROSS_ORIGIN = new HttpError(403, 'forbidden', 'Cross-origin requests are refused.');

/** The key that signs `since` tokens is shared through the store, so every gateway accepts them. */
async function tokenSecret(store: Store): Promise<Uint8Array> {
	const config = store.db('config');
	const existing = await config.get('seq-token-secret').catch(() => null);
	if (existing) return new Uint8Array(Buffer.from(String(existing['secret']), 'base64'));
	try {
		const secret = new Uint8Array(randomBytes(32));
		await config.put({ _id: 'seq-token-secret', secret: Buffer.from(secret).toString('base64') });
		return secret;
	} catch {
		// Another gateway created it first.
		return tokenSecret(store);
	}
}

export async function createBaodaoServer(options: BaodaoServerOptions = {}): Promise<BaodaoServer> {
	useEd25519Verifier(nativeEd25519Verify);
	const store = openStore(options);
	await applyCouchSetup(store);
	// Before the channels are recomputed: a badge entry's new channels need its member's branch.
	await migrateBadgeRegistry(store, (options.now ?? (() => new Date()))());
	await upgradeBadgeKeys(store, (options.now ?? (() => new Date()))());
	await rechannelStore(store);
	const hubs = new ChangeHubs(store);
	const watch: Watch = (name, onChange) => hubs.of(name).watch(onChange);
	const callers = new CallerCache(watch);
	callers.start();
	const closing = new AbortController();
	// Every held longpoll and open stream listens to it: many listeners, not a leak.
	setMaxListeners(0, closing.signal);
	const context: ServerContext = {
		store,
		now: options.now ?? (() => new Date()),
		sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
		maxLongpollMs: options.maxLongpollMs ?? DEFAULT_LONGPOLL_MS,
		tokens: new SeqTokens(await tokenSecret(store)),
		callers,
		reads: new SharedReads(store, watch),
		writes: new GroupCommit(store),
		hub: (name) => hubs.of(name),
		closing: closing.signal
	};
	// Devices verify badges offline with the issuer's public key: publish it before anyone syncs.
	await currentIssuer(store, context.now());
	// Follow every replicated database from the start, so the first longpoll misses nothing.
	for (const name of replicatedDatabases) context.hub(name as DatabaseName).follow();
	// Build the channel index in the background; the first initial sync would otherwise wait for it.
	const warming = warmChannelIndex(store).catch((error: unknown) =>
		console.error('Indexing channels failed:', error)
	);
	// Runs in every process; only the one holding the lease computes.
	const summaries =
		options.summaries === false
			? null
			: new SummaryWorker(store, {
					now: context.now,
					leaseMs: options.summaryLeaseMs ?? DEFAULT_SUMMARY_LEASE_MS,
					watch
				});
	summaries?.start();
	// Likewise: one process allocates the places, under a lease of its own (same duration).
	const claims =
		options.claims === false
			? null
			: new ClaimWorker(store, {
					now: context.now,
					leaseMs: options.summaryLeaseMs ?? DEFAULT_SUMMARY_LEASE_MS,
					watch
				});
	claims?.start();
	const guard = signInGuard(options.signIn);
	const mobiles = new MobileIndex(store, watch);
	const handleMemberLookup = memberLookupEndpoint(mobiles);
	const handleFiles = filesEndpoint();
	const handlePublicNotices = publicNoticesEndpoint();
	const handleWorkReports = workReportEndpoint();
	const handleCertificates = certificateEndpoint();
	const handlePublicStories = publicStoriesEndpoint();
	// Imports left running by a stopped process go on, in the background.
	const rosterImports = new RosterImports(store, context.now, closing.signal);
	const handleRoster = rosterEndpoint(rosterImports);
	void rosterImports
		.resumeInterrupted()
		.catch((error: unknown) => console.error('Resuming roster imports failed:', error));
	let summariesClosed: Promise<void> | undefined;
	let claimsClosed: Promise<void> | undefined;
	const drain = () => {
		if (closing.signal.aborted) return;
		closing.abort();
		// Awaited only by `close`, later: a failure must not go unhandled meanwhile.
		summariesClosed = summaries
			?.close()
			.catch((error: unknown) => console.error('Stopping the summary worker failed:', error));
		claimsClosed = claims
			?.close()
			.catch((error: unknown) => console.error('Stopping the claim worker failed:', error));
	};
	return {
		context,
		store,
		summaries,
		claims,
		handle(request, clientAddress = 'unknown') {
			if (isCrossOriginWrite(request)) return Promise.resolve(errorResponse(CROSS_ORIGIN));
			const { pathname } = new URL(request.url);
			if (pathname === '/api/session') return handleSession(context, guard, request, clientAddress);
			if (pathname === '/api/session/password')
				return handlePasswordChange(context, guard, request, clientAddress);
			if (pathname === '/api/accounts' || pathname.startsWith('/api/accounts/'))
				return handleAccounts(context, request, clientAddress);
			if (pathname === '/api/activate')
				return handleActivate(context, guard, request, clientAddress);
			if (pathname === '/api/activation-codes')
				return handleActivationCodes(context, request, clientAddress);
			if (pathname === '/api/audit') return handleAudit(context, request);
			if (pathname === '/api/badge') return handleBadge(context, request);
			if (pathname === '/api/activity-lookup') return handleActivityLookup(context, request);
			if (pathname === '/api/member-lookup') return handleMemberLookup(context, request);
			if (pathname === '/api/organisers') return handleOrganiserNames(context, request);
			if (pathname === '/api/badge/issuer') return handleIssuerRotation(context, request);
			if (pathname === '/api/badge/withdraw') return handleBadgeWithdrawal(context, request);
			if (pathname.startsWith('/api/files/')) return handleFiles(context, request);
			if (pathname === '/api/public/stories' || pathname.startsWith('/api/public/stories/'))
				return handlePublicStories(context, request, clientAddress);
			if (isCertificatePath(pathname)) return handleCertificates(context, request, clientAddress);
			if (pathname === '/api/rating-tokens' || pathname === '/api/public/rating')
				return handleWorkReports(context, request, clientAddress);
			if (isPublicNoticePath(pathname)) return handlePublicNotices(context, request, clientAddress);
			if (pathname.startsWith('/api/roster/')) return handleRoster(context, request, clientAddress);
			const compressed = (answer: Promise<Response>) =>
				answer.then((response) => compressResponse(request, response));
			if (pathname.startsWith('/api/records/'))
				return compressed(handleRecordDetail(context, request));
			if (pathname === '/sync' || pathname.startsWith('/sync/'))
				return compressed(handleSync(context, request));
			return null;
		},
		drain,
		async close() {
			drain();
			await summariesClosed;
			await claimsClosed;
			mobiles.close();
			await rosterImports.close();
			await warming;
			context.reads.close();
			hubs.close();
			callers.close();
			await store.close();
		}
	};
}
