/**
 * The service worker keeps the evidence files it fetched (vite.config.ts: content-addressed,
 * they never change), so a photo seen once shows offline. They are the signed-in person's:
 * signing out deletes them with the replica.
 */
export const EVIDENCE_CACHE = 'baodao-evidence';

export async function deleteEvidenceCache(): Promise<void> {
	await globalThis.caches?.delete(EVIDENCE_CACHE).catch(() => false);
}
