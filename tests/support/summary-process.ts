import { createBaodaoServer } from '../../src/lib/server/baodao-server';

/**
 * One app process of a deployment on a shared CouchDB, for the lease tests: `node --import tsx
 * tests/support/summary-process.ts <couchUrl> <leaseMs>`. It prints `ready <pid>` once started
 * and closes on SIGTERM; a test may also kill it outright.
 */
const [couchUrl, leaseMs] = process.argv.slice(2);
if (!couchUrl || !leaseMs) throw new Error('Usage: summary-process.ts <couchUrl> <leaseMs>');

const app = await createBaodaoServer({ couchUrl, summaryLeaseMs: Number(leaseMs) });
process.on('SIGTERM', () => {
	void app.close().then(() => process.exit(0));
});
console.log(`ready ${process.pid}`);
