import type { MangoQuerySelector } from 'rxdb';
import type { HeldActivityKey } from '../../src/lib/db/activity-keys';
import type { SessionInfo } from '../../src/lib/db/session-client';
import type { SyncStatus } from '../../src/lib/db/sync-status';
import type { AnyDoc, CollectionName, DocTypes } from '../../src/lib/domain/registry';

/**
 * The messages between a `TestDevice` (main thread) and the worker thread that hosts its replica
 * (`device-worker.ts`). Each simulated device runs in a realm of its own, because open-source RxDB
 * counts open collections per realm and refuses a fourteenth.
 */

/** Holds back requests whose URL contains every one of `urlIncludes`, until released. */
export interface HoldRule {
	urlIncludes: readonly string[];
	/** How many matching requests to hold (the first ones); 1 by default. */
	times?: number;
}

/** The replica's settings a test may change (the rest are fixed for tests in the worker). */
export interface DeviceReplicaOptions {
	batchSize?: number;
	heartbeatMs?: number;
	retryTimeMs?: number;
	pollIntervalMs?: number;
	liveCollections?: readonly CollectionName[];
}

export interface StartOptions {
	serverUrl: string;
	username: string;
	password: string;
	replica: DeviceReplicaOptions;
	holdRequests: readonly HoldRule[];
}

export type Selector<K extends CollectionName = CollectionName> = MangoQuerySelector<DocTypes[K]>;

/** A plain document as the device stores it, without RxDB's bookkeeping fields. */
export type PlainDoc = AnyDoc;

export interface HttpAnswer {
	status: number;
	/** Parsed JSON when the answer is JSON, the text otherwise. */
	body: unknown;
}

export interface RequestOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
}

/** What the worker answers to; every method runs in the worker on the device's own replica. */
export interface DeviceApi {
	start(options: StartOptions): Promise<SessionInfo>;
	login(password: string): Promise<SessionInfo>;
	resume(password: string): Promise<SessionInfo>;
	sync(): Promise<void>;
	setOffline(offline: boolean): Promise<void>;
	status(): Promise<SyncStatus>;
	waitForStatus(expected: Partial<SyncStatus>, timeoutMs: number): Promise<SyncStatus>;
	collections(): Promise<string[]>;
	find(collection: CollectionName, selector: Selector | undefined): Promise<PlainDoc[]>;
	findOne(collection: CollectionName, id: string): Promise<PlainDoc | null>;
	ids(collection: CollectionName): Promise<string[]>;
	waitFor(collection: CollectionName, selector: Selector, timeoutMs: number): Promise<PlainDoc[]>;
	insert(collection: CollectionName, doc: object): Promise<PlainDoc>;
	bulkInsert(collection: CollectionName, docs: readonly object[]): Promise<void>;
	upsert(collection: CollectionName, doc: object): Promise<PlainDoc>;
	incrementalPatch(collection: CollectionName, id: string, patch: object): Promise<PlainDoc>;
	remove(collection: CollectionName, id: string): Promise<void>;
	writeChecked(
		collection: CollectionName,
		doc: object,
		subject: object | null | undefined
	): Promise<void>;
	deleteChecked(
		collection: CollectionName,
		id: string,
		subject: object | null | undefined
	): Promise<void>;
	writeAllChecked(
		collection: CollectionName,
		batch: readonly { next: object; subject: object | null }[]
	): Promise<void>;
	moveResidence(memberId: string, communityId: string, nowIso: string): Promise<void>;
	createActivity(activity: object, credential: object, host: object | null): Promise<void>;
	scheduleMeeting(meeting: {
		activity: object;
		credential: object;
		host: object;
		minutes: object;
	}): Promise<void>;
	saveMinutes(minutes: object, items: readonly object[]): Promise<void>;
	activityKey(activityId: string, publicKey: string): Promise<HeldActivityKey | null>;
	request(path: string, options: RequestOptions): Promise<HttpAnswer>;
	waitForHeld(count: number, timeoutMs: number): Promise<string[]>;
	release(): Promise<number>;
	close(): Promise<void>;
}

export type Method = keyof DeviceApi;

export interface CallMessage {
	id: number;
	method: Method;
	args: unknown[];
}

/** An error thrown in the worker, in a form that crosses the thread boundary. */
export interface SerializedError {
	name: string;
	message: string;
	stack: string | undefined;
	/** It was the app's `LocalWriteRefused` (its `reason` and `detail` are among `props`). */
	refused: boolean;
	/** The error's own fields with plain values, e.g. `reason`, `detail`, `code`. */
	props: Record<string, string | number | boolean | null>;
}

export type ReplyMessage =
	{ id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };
