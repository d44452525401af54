import { addMessages } from '$lib/i18n/i18n.svelte';
import { pointsEn } from '$lib/i18n/parts/points.en';
import { pointsZh } from '$lib/i18n/parts/points.zh-CN';
import { recordsEn } from '$lib/i18n/parts/records.en';
import { recordsZh } from '$lib/i18n/parts/records.zh-CN';

// The records' and points' messages load with these screens, not with the shell every route carries.
addMessages({ 'zh-CN': { ...recordsZh, ...pointsZh }, en: { ...recordsEn, ...pointsEn } });
