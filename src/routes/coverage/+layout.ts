import { addMessages } from '$lib/i18n/i18n.svelte';
import { officePointsEn } from '$lib/i18n/parts/office-points.en';
import { officePointsZh } from '$lib/i18n/parts/office-points.zh-CN';
import { pairingEn } from '$lib/i18n/parts/pairing.en';
import { pairingZh } from '$lib/i18n/parts/pairing.zh-CN';
import { pointsEn } from '$lib/i18n/parts/points.en';
import { pointsZh } from '$lib/i18n/parts/points.zh-CN';
import { recordsEn } from '$lib/i18n/parts/records.en';
import { recordsZh } from '$lib/i18n/parts/records.zh-CN';

// The office's charts, points scheme, members' records and branches' pairing bring their messages
// with these screens.
addMessages({
	'zh-CN': { ...officePointsZh, ...pointsZh, ...recordsZh, ...pairingZh },
	en: { ...officePointsEn, ...pointsEn, ...recordsEn, ...pairingEn }
});
