import { addMessages } from '$lib/i18n/i18n.svelte';
import { ledgerEn } from '$lib/i18n/parts/ledger.en';
import { ledgerZh } from '$lib/i18n/parts/ledger.zh-CN';

// The ledger overview speaks of agreements, seats and good deeds: the ledger's messages.
addMessages({ 'zh-CN': ledgerZh, en: ledgerEn });
