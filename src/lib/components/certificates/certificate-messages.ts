import { addMessages } from '$lib/i18n/i18n.svelte';
import { certificatesEn } from '$lib/i18n/parts/certificates.en';
import { certificatesZh } from '$lib/i18n/parts/certificates.zh-CN';
import { recordsEn } from '$lib/i18n/parts/records.en';
import { recordsZh } from '$lib/i18n/parts/records.zh-CN';

/**
 * The certificate screens and the public check bring their messages when they load, with the
 * records' words for kinds of service, which a certificate's content is told in.
 */
export function addCertificateMessages(): void {
	addMessages({
		'zh-CN': { ...recordsZh, ...certificatesZh },
		en: { ...recordsEn, ...certificatesEn }
	});
}
