import { addMessages } from '$lib/i18n/i18n.svelte';
import { meetingsEn } from '$lib/i18n/parts/meetings.en';
import { meetingsZh } from '$lib/i18n/parts/meetings.zh-CN';

// A joint meeting's agenda and invited units are asked on this form: their messages load with it,
// not with the shell every route carries.
addMessages({ 'zh-CN': meetingsZh, en: meetingsEn });
