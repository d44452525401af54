import { addMessages } from '$lib/i18n/i18n.svelte';
import { serviceDeskEn } from '$lib/i18n/parts/service-desk.en';
import { serviceDeskZh } from '$lib/i18n/parts/service-desk.zh-CN';

// The service desk's messages (also its need categories, which members' screens show) load with
// the service screens, not with the shell every route carries.
addMessages({ 'zh-CN': serviceDeskZh, en: serviceDeskEn });
