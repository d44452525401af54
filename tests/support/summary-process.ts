import { createBaodaoServer } from '../../src/lib/server/baodao-server';

/**
 * One app process of a deployment on a shared CouchDB, for the lease tests: `node --import tsx
 * tests/support/summary-process.ts <couchUrl> <prefix> <leaseMs>`. It prints `ready <pid>` once
 * started and closes on SIGTERM; a test may also kill it outright.
 */
const [couchUrl, prefix, leaseMs] = process.argv.slice(2);
if (!couchUrl || !prefix || !leaseMs) {
	throw new Error('Usage: summary-process.ts <couchUrl> <prefix> <leaseMs>');
}

const app = await createBaodaoServer({ couchUrl, prefix, summaryLeaseMs: Number(leaseMs) });
process.on('SIGTERM', () => {
	void app.close().then(() => process.exit(0));
});
console.log(`ready ${process.pid}`);
