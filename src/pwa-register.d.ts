// The part of vite-plugin-pwa's `virtual:pwa-register` the app uses. The plugin's own declarations
// (`vite-plugin-pwa/vanillajs`) cannot be referenced by name: npm installed vite-plugin-pwa inside
// @vite-pwa/sveltekit rather than at the top of node_modules.
declare module 'virtual:pwa-register' {
	export interface RegisterSWOptions {
		/** A new service worker is installed and waits for the person to accept it. */
		onNeedRefresh?: () => void;
		/** A new worker took over a tab that had one when it opened; replaces the plugin's reload. */
		onNeedReload?: () => void;
		/** The first service worker has cached the app: it now opens offline. */
		onOfflineReady?: () => void;
		onRegisteredSW?: (swUrl: string, registration: ServiceWorkerRegistration | undefined) => void;
	}

	/** Registers the service worker; the returned function tells a waiting one to take over. */
	export function registerSW(options?: RegisterSWOptions): (reloadPage?: boolean) => Promise<void>;
}
