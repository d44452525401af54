import { isApproval } from '../records/approvals';
import { isCorrection } from '../records/corrections';
import { isCounted, recordViews } from '../records/record-status';
import {
	isServiceRecord,
	SERVICE_CATEGORIES,
	type ServiceCategory
} from '../records/service-record';
import { isReview } from '../reporting/reviews';

/**
 * 志愿服务记录证明: what a member's certificate says, after the national volunteer-service record's
 * fields — the volunteer's name, the service organisation(s), the period, the content, the hours
 * (actual service only, travel excluded), the issuer and the date of issue — and a number. No
 * mobile and no ID number: the certificate is shown to whoever checks it.
 */
export interface CertificateContent {
	/** Twelve Crockford characters; printed as XXXX-XXXX-XXXX and typed in to check it. */
	code: string;
	name: string;
	/** Where the service was done (the communities), most hours first. */
	organisations: string[];
	/** Communities beyond those named: "等 N 个". */
	moreOrganisations: number;
	/** The period, Shanghai days `YYYY-MM-DD`, both included. */
	from: string;
	to: string;
	/** The content: each kind of service with its count and minutes, in the scheme's order. */
	lines: CertificateLine[];
	services: number;
	minutes: number;
	/** The bureau (派出单位) that issues it. */
	issuer: string;
	issuedOn: string;
	/** The last day it is valid, unless revoked. */
	validUntil: string;
}

export interface CertificateLine {
	category: ServiceCategory;
	services: number;
	minutes: number;
}

/** Communities a certificate names at most; a long list would crowd the page and the QR. */
export const MAX_ORGANISATIONS = 5;
/** How long a certificate stays valid after issue. */
export const VALID_YEARS = 2;
/** The longest period one certificate covers, in calendar years touched. */
export const MAX_PERIOD_YEARS = 5;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
	const match = DAY.exec(day);
	if (!match) return false;
	const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
	const parsed = new Date(Date.UTC(year, month - 1, date));
	return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1;
}

/** The Shanghai day of an instant, `YYYY-MM-DD`. */
export function shanghaiIsoDay(at: Date | string): string {
	const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
	return new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
}

export type PeriodProblem = 'invalid' | 'reversed' | 'future' | 'too-long';

/** What is wrong with a period a member asks for, or null. `today` is the Shanghai day. */
export function periodProblem(from: string, to: string, today: string): PeriodProblem | null {
	if (!isDay(from) || !isDay(to)) return 'invalid';
	if (from > to) return 'reversed';
	if (to > today) return 'future';
	if (yearsOf(from, to).length > MAX_PERIOD_YEARS) return 'too-long';
	return null;
}

/** The period a screen starts with: the year of `today` so far. */
export function yearSoFar(today: string): { from: string; to: string } {
	return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The scheme's years a period touches: the member's record channels to read. */
export function yearsOf(from: string, to: string): number[] {
	const first = Number(from.slice(0, 4));
	const last = Number(to.slice(0, 4));
	return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}

/** The last valid day: `VALID_YEARS` after the day of issue, less a day (29 Feb → 28 Feb). */
export function validUntilOf(issuedOn: string): string {
	const [year, month, date] = issuedOn.split('-').map(Number) as [number, number, number];
	const sameDay = new Date(Date.UTC(year + VALID_YEARS, month - 1, date));
	// 29 Feb of a leap year has no twin: Date rolls it to 1 Mar, whose day before is 28 Feb.
	return new Date(sameDay.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** Hours as a certificate writes them: at most two decimals, no trailing zeros (12.25, 3.5, 2). */
export function certificateHours(minutes: number): string {
	return String(Math.round((minutes / 60) * 100) / 100);
}

export interface ContentInput {
	code: string;
	name: string;
	issuer: string;
	from: string;
	to: string;
	issuedOn: string;
	/** The member's documents of the `reports` and `reviews` collections (any kinds, any years). */
	docs: readonly object[];
	/** A community's name; undefined for one the directory does not know. */
	placeName(communityId: string): string | undefined;
}

/**
 * The certificate's content from the member's records: only APPROVED service (with an approved
 * correction's values where there is one) done within the period counts, and its minutes are the
 * service time the records keep, which never includes travel (service-hours.ts). Null when the
 * period holds no approved service: there is nothing to certify.
 */
export function certificateContent(input: ContentInput): CertificateContent | null {
	const docs = input.docs as readonly { kind?: unknown }[];
	const views = recordViews({
		records: docs.filter(isServiceRecord),
		corrections: docs.filter(isCorrection),
		reviews: input.docs.filter(isReview),
		approvals: docs.filter(isApproval)
	}).filter((view) => {
		if (!isCounted(view)) return false;
		const day = shanghaiIsoDay(view.effective.at);
		return day >= input.from && day <= input.to;
	});
	const minutes = views.reduce((sum, view) => sum + view.effective.minutes, 0);
	if (views.length === 0 || minutes <= 0) return null;
	const byCategory = new Map<ServiceCategory, CertificateLine>();
	const byPlace = new Map<string, number>();
	for (const { record, effective } of views) {
		const line = byCategory.get(record.category) ?? {
			category: record.category,
			services: 0,
			minutes: 0
		};
		byCategory.set(record.category, {
			...line,
			services: line.services + 1,
			minutes: line.minutes + effective.minutes
		});
		const name = input.placeName(effective.communityId);
		if (name) byPlace.set(name, (byPlace.get(name) ?? 0) + effective.minutes);
	}
	const places = [...byPlace]
		.sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'zh-CN'))
		.map(([name]) => name);
	return {
		code: input.code,
		name: input.name,
		organisations: places.slice(0, MAX_ORGANISATIONS),
		moreOrganisations: Math.max(0, places.length - MAX_ORGANISATIONS),
		from: input.from,
		to: input.to,
		lines: SERVICE_CATEGORIES.flatMap((category) => byCategory.get(category) ?? []),
		services: views.length,
		minutes,
		issuer: input.issuer,
		issuedOn: input.issuedOn,
		validUntil: validUntilOf(input.issuedOn)
	};
}
