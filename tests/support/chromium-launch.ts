/**
 * Debian's Chromium as every test and benchmark launches it (CHROMIUM_PATH, else
 * /usr/bin/chromium), with the flags this machine needs (README): no sandbox, and no traffic of
 * its own, which the machine's closed network would refuse.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const QUIET_CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
