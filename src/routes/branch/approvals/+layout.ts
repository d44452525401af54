import { addMessages } from '$lib/i18n/i18n.svelte';
import { recordsEn } from '$lib/i18n/parts/records.en';
import { recordsZh } from '$lib/i18n/parts/records.zh-CN';

// The queue shows records with the members' screens' labels (states, categories, history); the
// branch's layout brings the approvals' and the points' messages.
addMessages({ 'zh-CN': recordsZh, en: recordsEn });
