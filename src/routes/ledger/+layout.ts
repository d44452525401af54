import { addMessages } from '$lib/i18n/i18n.svelte';
import { ledgerEn } from '$lib/i18n/parts/ledger.en';
import { ledgerZh } from '$lib/i18n/parts/ledger.zh-CN';
import { meetingsEn } from '$lib/i18n/parts/meetings.en';
import { meetingsZh } from '$lib/i18n/parts/meetings.zh-CN';

// The ledger, its print view and its joint meetings (whose list the ledger shows) bring their
// messages with these screens, not with the shell.
addMessages({ 'zh-CN': { ...ledgerZh, ...meetingsZh }, en: { ...ledgerEn, ...meetingsEn } });
