import { describe, expect, it } from 'vitest';
import { StreamAnchors } from './stream-anchors';

const base = 'http://app.test/sync/reviews/_changes';
const longpollNow = `${base}?feed=longpoll&since=now&limit=10`;
const page = (results: number, lastSeq = 'tok-7') =>
	new Response(
		JSON.stringify({ results: Array.from({ length: results }, () => ({})), last_seq: lastSeq })
	);

describe('StreamAnchors', () => {
	it('starts a since=now longpoll where the checkpoint pull read to the end', async () => {
		const anchors = new StreamAnchors();
		const rewritten = anchors.rewrite(longpollNow);
		await anchors.observe(`${base}?feed=normal&since=0&limit=10`, page(10, 'tok-full'));
		await anchors.observe(`${base}?feed=normal&since=tok-full&limit=10`, page(3, 'tok-end'));
		expect(new URL(await rewritten).searchParams.get('since')).toBe('tok-end');
	});

	it('leaves other requests alone', async () => {
		const anchors = new StreamAnchors();
		const other = `${base}?feed=longpoll&since=tok-3&limit=10`;
		expect(await anchors.rewrite(other)).toBe(other);
		const bulk = 'http://app.test/sync/reviews/_bulk_docs';
		expect(await anchors.rewrite(bulk)).toBe(bulk);
	});

	it('keeps anchors per collection', async () => {
		const anchors = new StreamAnchors();
		await anchors.observe(`${base}?feed=normal&since=0&limit=10`, page(0, 'reviews-end'));
		const reports = anchors.rewrite(
			'http://app.test/sync/reports/_changes?feed=longpoll&since=now&limit=10'
		);
		await anchors.observe(
			'http://app.test/sync/reports/_changes?feed=normal&since=0&limit=10',
			page(1, 'reports-end')
		);
		expect(new URL(await reports).searchParams.get('since')).toBe('reports-end');
		expect(new URL(await anchors.rewrite(longpollNow)).searchParams.get('since')).toBe(
			'reviews-end'
		);
	});

	it('lets a waiting longpoll go as it was when the replications restart', async () => {
		const anchors = new StreamAnchors();
		const waiting = anchors.rewrite(longpollNow);
		anchors.reset();
		expect(await waiting).toBe(longpollNow);
	});
});
