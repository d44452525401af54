import { addMessages } from '$lib/i18n/i18n.svelte';
import { approvalsEn } from '$lib/i18n/parts/approvals.en';
import { approvalsZh } from '$lib/i18n/parts/approvals.zh-CN';
import { pointsEn } from '$lib/i18n/parts/points.en';
import { pointsZh } from '$lib/i18n/parts/points.zh-CN';
import { pairingEn } from '$lib/i18n/parts/pairing.en';
import { pairingZh } from '$lib/i18n/parts/pairing.zh-CN';

// Who is behind, the branch's targets and a member's grade speak of points and grades: their
// messages load with the branch screen, not with the shell; so does the branch report's.
addMessages({
	'zh-CN': { ...approvalsZh, ...pointsZh, ...pairingZh },
	en: { ...approvalsEn, ...pointsEn, ...pairingEn }
});
