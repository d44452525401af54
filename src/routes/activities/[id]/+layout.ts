import { addMessages } from '$lib/i18n/i18n.svelte';
import { fixesEn } from '$lib/i18n/parts/fixes.en';
import { fixesZh } from '$lib/i18n/parts/fixes.zh-CN';

// Resolving 需核实 is for organisers on the activity's screen: its messages load with it, not
// with the shell every route carries.
addMessages({ 'zh-CN': fixesZh, en: fixesEn });
