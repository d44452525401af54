import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

/** English loads when someone chooses it: the shell every route carries holds Chinese only. */
const catalogs: Partial<Record<Locale, Messages>> = { 'zh-CN': zhCN };
const STORAGE_KEY = 'baodao.locale';

async function loadCatalog(locale: Locale): Promise<void> {
	if (!catalogs[locale]) catalogs[locale] = (await import('./en')).en;
}

/**
 * The UI language: Simplified Chinese unless the person chose English. A typed catalog rather than
 * a message-compiler library: inlang's SDK loads its plugins from a CDN at build time, which our
 * build machines cannot reach, and a flat catalog with `{name}` placeholders is all we need.
 */
class I18n {
	locale = $state<Locale>('zh-CN');

	async restore() {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'zh-CN') await this.use(saved);
		document.documentElement.lang = this.locale;
	}

	async toggle() {
		const next = this.locale === 'zh-CN' ? 'en' : 'zh-CN';
		// Kept first: a page opened right after the tap starts in the chosen language.
		globalThis.localStorage?.setItem(STORAGE_KEY, next);
		await this.use(next);
	}

	/** Switches once the catalog is there, so no screen ever shows keys for want of it. */
	private async use(locale: Locale) {
		await loadCatalog(locale);
		this.locale = locale;
		document.documentElement.lang = locale;
	}
}

export const i18n = new I18n();

/** Messages screens brought when they loaded (`addMessages`), by locale. */
const added: Record<Locale, Partial<Record<MessageKey, string>>> = { 'zh-CN': {}, en: {} };

/**
 * Adds the messages of a screen that loads lazily, in both languages, when its route module loads
 * — before it renders. The shell's catalogs stay small: they load with the member's home route.
 */
export function addMessages(messages: Record<Locale, Partial<Record<MessageKey, string>>>): void {
	Object.assign(added['zh-CN'], messages['zh-CN']);
	Object.assign(added.en, messages.en);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	// A key of a screen whose messages have not loaded shows as itself rather than breaking it.
	const template =
		(catalogs[i18n.locale] as Partial<Record<MessageKey, string>> | undefined)?.[key] ??
		added[i18n.locale][key] ??
		key;
	return template.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}
