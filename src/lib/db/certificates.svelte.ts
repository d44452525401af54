import { map } from 'rxjs';
import {
	certificateContent,
	periodProblem,
	shanghaiIsoDay,
	type CertificateContent,
	type PeriodProblem
} from '../domain/certificates/certificate-content';
import { readCertificateToken } from '../domain/certificates/certificate-token';
import {
	isCertificate,
	isCertificateRevocation,
	type Certificate,
	type CertificateRevocation
} from '../domain/certificates/certificates';
import type { EvaluationDoc, Member, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

/** A certificate as this device holds it: what it says (from its token) and where it stands. */
export interface CertificateEntry {
	certificate: Certificate;
	content: CertificateContent | null;
	revocation: CertificateRevocation | null;
	/** From the replica: the device trusts the server's documents, it does not check signatures. */
	state: 'valid' | 'expired' | 'revoked';
}

const KINDS = { $in: ['certificate', 'certificate-revocation'] };

function entriesOf(docs: readonly EvaluationDoc[], today: string): CertificateEntry[] {
	const revocations = new Map(
		docs.filter(isCertificateRevocation).map((doc) => [doc.certificateCode, doc])
	);
	return docs
		.filter(isCertificate)
		.map((certificate) => {
			const content = readCertificateToken(certificate.signedToken)?.content ?? null;
			const revocation = revocations.get(certificate.certificateCode) ?? null;
			const state = revocation
				? 'revoked'
				: content && today > content.validUntil
					? 'expired'
					: 'valid';
			return { certificate, content, revocation, state } as const;
		})
		.sort((a, b) => b.certificate.issuedAt.localeCompare(a.certificate.issuedAt));
}

/**
 * The certificates of one member (a member's own, or one the office picked), newest first, live
 * from the replica. Call during component initialisation.
 */
export function observeCertificates(memberId: () => string | null) {
	const device = signedInDevice();
	const docs = observe(() => {
		const id = memberId();
		return id
			? device.db.evaluations
					.find({ selector: { kind: KINDS, memberId: id } })
					.$.pipe(plainDocs<EvaluationDoc>())
			: null;
	}, null);
	const entries = $derived(
		docs.current ? entriesOf(docs.current, shanghaiIsoDay(currentTime())) : []
	);
	return {
		get ready(): boolean {
			return docs.current !== null;
		},
		get entries(): CertificateEntry[] {
			return entries;
		}
	};
}

/** One certificate by id, with its revocation, live; null while loading or when not held. */
export function observeCertificate(id: () => string) {
	const device = signedInDevice();
	const docs = observe(() => {
		const certificate = id();
		return device.db.evaluations
			.findByIds([certificate, `${certificate}.revocation`])
			.$.pipe(map((found) => [...found.values()].map((doc) => doc.toMutableJSON())));
	}, null);
	const entry = $derived(
		docs.current ? (entriesOf(docs.current, shanghaiIsoDay(currentTime()))[0] ?? null) : null
	);
	return {
		get ready(): boolean {
			return docs.current !== null;
		},
		get entry(): CertificateEntry | null {
			return entry;
		}
	};
}

export type PreviewOutcome =
	| { kind: 'content'; content: CertificateContent }
	| { kind: 'empty' }
	| { kind: 'period'; problem: PeriodProblem };

/**
 * What a member's certificate for a period would say, from the records this device holds (the
 * open years): the same domain function as the server's, so the preview matches the certificate
 * for those years. Call during component initialisation.
 */
export function observeCertificatePreview(
	memberId: () => string,
	period: () => { from: string; to: string }
) {
	const device = signedInDevice();
	const member = observe(
		() => device.db.members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const bureau = observe(() => {
		const orgId = member.current?.orgId;
		return orgId ? orgById(device.db, orgId) : null;
	}, null);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<ReportsDoc>()),
		null
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<ReviewsDoc>()),
		null
	);
	const communities = observe(() => communitiesWhere(device.db), []);
	const names = $derived(
		Object.fromEntries(communities.current.map((c) => [c.id, c.name])) as Record<string, string>
	);
	const outcome = $derived.by((): PreviewOutcome | null => {
		const profile = member.current;
		if (!profile || !reports.current || !reviews.current) return null;
		const { from, to } = period();
		const today = shanghaiIsoDay(currentTime());
		const problem = periodProblem(from, to, today);
		if (problem) return { kind: 'period', problem };
		const content = certificateContent({
			code: '000000000000',
			name: profile.name,
			issuer: bureau.current?.name ?? '',
			from,
			to,
			issuedOn: today,
			docs: [...reports.current, ...reviews.current],
			placeName: (id) => names[id]
		});
		return content ? { kind: 'content', content } : { kind: 'empty' };
	});
	return {
		get outcome(): PreviewOutcome | null {
			return outcome;
		}
	};
}

/** The members of the office's bureau whose names contain `query`, at most 20, live. */
export function observeBureauMembers(orgId: () => string | null, query: () => string) {
	const device = signedInDevice();
	const members = observe(() => {
		const id = orgId();
		return id
			? device.db.members.find({ selector: { orgId: id } }).$.pipe(plainDocs<Member>())
			: null;
	}, null);
	const matches = $derived.by(() => {
		const text = query().trim();
		if (!text || !members.current) return [];
		return members.current
			.filter((member) => member.name.includes(text))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
			.slice(0, 20);
	});
	return {
		get ready(): boolean {
			return members.current !== null;
		},
		get matches(): Member[] {
			return matches;
		},
		name(memberId: string): string | null {
			return members.current?.find((member) => member.id === memberId)?.name ?? null;
		}
	};
}
