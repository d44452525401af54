import { addMessages } from '$lib/i18n/i18n.svelte';
import { accountsEn } from '$lib/i18n/parts/accounts.en';
import { accountsZh } from '$lib/i18n/parts/accounts.zh-CN';

/** The accounts screens, activation and the password form bring their messages when they load. */
export function addAccountMessages(): void {
	addMessages({ 'zh-CN': accountsZh, en: accountsEn });
}
