import { addMessages } from '$lib/i18n/i18n.svelte';
import { officePointsEn } from '$lib/i18n/parts/office-points.en';
import { officePointsZh } from '$lib/i18n/parts/office-points.zh-CN';
import { pairingEn } from '$lib/i18n/parts/pairing.en';
import { pairingZh } from '$lib/i18n/parts/pairing.zh-CN';
import { recordsEn } from '$lib/i18n/parts/records.en';
import { recordsZh } from '$lib/i18n/parts/records.zh-CN';

// Service records, corrections and branch reports the community confirms bring their messages
// with this screen.
addMessages({
	'zh-CN': { ...officePointsZh, ...recordsZh, ...pairingZh },
	en: { ...officePointsEn, ...recordsEn, ...pairingEn }
});
