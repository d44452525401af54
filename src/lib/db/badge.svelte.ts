import { map } from 'rxjs';
import { isCredential } from '../domain/codes/credentials';
import { badgeCredentialId, type Credential, type CredentialsDoc } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';
import { plainDoc } from './plain-docs';

/** The member's badge as this device holds it; null until one has been issued and synced. */
export function observeBadge(memberId: () => string): { readonly current: Credential | null } {
	const device = signedInDevice();
	return observe(
		() =>
			device.db.credentials.findOne(badgeCredentialId(memberId())).$.pipe(
				plainDoc<CredentialsDoc>(),
				map((doc) => (doc && isCredential(doc) ? doc : null))
			),
		null
	);
}

/** Where issuing a badge stands while it runs. */
export type BadgeStep = 'issuing' | 'syncing';
/** How issuing ended: the badge is here, will come with a later sync, or was not issued. */
export type BadgeOutcome = 'ready' | 'later' | 'offline' | 'failed' | 'not-member';

/** Asking the server for a badge. Call during component initialisation. */
export function badgeActions() {
	const device = signedInDevice();
	return {
		/** The token itself only ever arrives through sync: the server answers with its serial. */
		issueBadge: async (
			memberId: string,
			onStep: (step: BadgeStep) => void
		): Promise<BadgeOutcome> => {
			if (!navigator.onLine) return 'offline';
			onStep('issuing');
			let response: Response;
			try {
				response = await fetch('/api/badge', { method: 'POST', credentials: 'same-origin' });
			} catch {
				return 'offline';
			}
			if (response.status === 403) return 'not-member';
			if (response.status !== 201) return 'failed';
			const { serial } = (await response.json()) as { serial: number };
			onStep('syncing');
			await device.syncNow().catch(() => undefined);
			const stored = await device.db.credentials.findOne(badgeCredentialId(memberId)).exec();
			return Number(stored?.get('serial') ?? 0) >= serial ? 'ready' : 'later';
		}
	};
}
