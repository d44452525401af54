import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'baodao.locale';

/**
 * The UI language: Simplified Chinese unless the person chose English. A typed catalog rather than
 * a message-compiler library: inlang's SDK loads its plugins from a CDN at build time, which our
 * build machines cannot reach, and a flat catalog with `{name}` placeholders is all we need.
 */
class I18n {
	locale = $state<Locale>('zh-CN');

	restore() {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'zh-CN') this.locale = saved;
		document.documentElement.lang = this.locale;
	}

	toggle() {
		this.locale = this.locale === 'zh-CN' ? 'en' : 'zh-CN';
		globalThis.localStorage?.setItem(STORAGE_KEY, this.locale);
		document.documentElement.lang = this.locale;
	}
}

export const i18n = new I18n();

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	const template = catalogs[i18n.locale][key];
	return template.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}
