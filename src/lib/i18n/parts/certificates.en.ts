import type { certificatesZh } from './certificates.zh-CN';

/** English for certificates.zh-CN.ts. */
export const certificatesEn: Record<keyof typeof certificatesZh, string> = {
	'certificates.title': 'Service certificates',
	'certificates.intro':
		'A record of approved volunteer service over a period, in the national volunteer-service record format; once printed, anyone can check it by its QR code or number.',
	'certificates.noRole': 'Issuing certificates needs a member or office account.',
	'certificates.loading': 'Reading this device’s data…',

	'certificates.period.legend': 'Period of the certificate',
	'certificates.period.thisYear': '{year} so far',
	'certificates.period.lastYear': 'The whole of {year}',
	'certificates.period.custom': 'Choose dates',
	'certificates.period.from': 'From',
	'certificates.period.to': 'To',
	'certificates.period.invalid': 'Enter both the first and the last day.',
	'certificates.period.reversed': 'The first day cannot be after the last.',
	'certificates.period.future': 'The last day cannot be after today.',
	'certificates.period.too-long': 'A certificate covers at most 5 consecutive years.',

	'certificates.preview.title': 'What the certificate will say',
	'certificates.preview.note':
		'Only approved service records count, and service time excludes travel. The server issues and signs the certificate from the approved records.',
	'certificates.preview.empty':
		'No approved service in this period yet, so no certificate can be issued. Records count once the community has confirmed and the secretary approved them.',
	'certificates.preview.offlineNote':
		'This device keeps this year’s and last year’s records only; for earlier years the server’s records apply.',

	'certificates.make': 'Issue certificate',
	'certificates.making': 'Issuing…',
	'certificates.syncing': 'Issued; bringing it to this device…',
	'certificates.made': 'The certificate has been issued.',
	'certificates.failure.offline':
		'Issuing a certificate needs a connection. Connect and try again.',
	'certificates.failure.nothing': 'No approved service in this period: nothing to certify.',
	'certificates.failure.period': 'The period is wrong: {reason}',
	'certificates.failure.not-found': 'No such member, or you may not issue certificates for them.',
	'certificates.failure.failed': 'Issuing failed. Please try again later.',

	'certificates.list.title': 'Certificates issued',
	'certificates.list.empty': 'No certificate issued yet.',
	'certificates.list.officeEmpty': 'No certificate issued for this member this year.',
	'certificates.list.item': '{from} to {to} · {hours} h',
	'certificates.list.issued': 'Issued {date}',
	'certificates.list.open': 'View and print',
	'certificates.list.later': 'Issued; it shows here once it reaches this device.',

	'certificates.state.valid': 'Valid',
	'certificates.state.expired': 'Expired',
	'certificates.state.revoked': 'Revoked',

	'certificates.office.title': 'Issue and manage members’ certificates',
	'certificates.office.search': 'Find a member (name)',
	'certificates.office.searchHint': 'Members of your bureau, by name.',
	'certificates.office.noMatch': 'No member of that name.',
	'certificates.office.pick': 'Choose',
	'certificates.office.chosen': 'Member: {name}',
	'certificates.office.listNote': 'Certificates issued this year.',
	'certificates.office.makeFor': 'Issue a certificate for {name}',

	'certificates.revoke.button': 'Revoke',
	'certificates.revoke.reason': 'Reason for revoking',
	'certificates.revoke.reasonHint':
		'The member and the office see the reason; the public check shows only that and when it was revoked.',
	'certificates.revoke.confirm': 'Revoke it',
	'certificates.revoke.cancel': 'Cancel',
	'certificates.revoke.missing': 'Give a reason.',
	'certificates.revoke.done': 'The certificate has been revoked.',
	'certificates.revoke.already': 'This certificate was already revoked.',
	'certificates.revoke.offline': 'Revoking needs a connection. Connect and try again.',
	'certificates.revoke.failed': 'Revoking failed. Please try again later.',
	'certificates.revoked.note': 'Revoked {date}: {reason}',

	'certificates.sheet.title': 'Volunteer Service Record Certificate',
	'certificates.sheet.lead':
		'This certifies that {name} did volunteer service from {from} to {to}, {hours} hours in all as approved (travel excluded).',
	'certificates.sheet.name': 'Name',
	'certificates.sheet.organisations': 'Service organisation (place)',
	'certificates.sheet.more': 'and {count} more communities',
	'certificates.sheet.period': 'Period',
	'certificates.sheet.periodValue': '{from} to {to}',
	'certificates.sheet.content': 'Content',
	'certificates.sheet.line': '{category}: {services} times, {hours} h',
	'certificates.sheet.hours': 'Service time',
	'certificates.sheet.hoursValue': '{hours} hours ({services} services, travel excluded)',
	'certificates.sheet.issuer': 'Issued by',
	'certificates.sheet.issuedOn': 'Date of issue',
	'certificates.sheet.validUntil': 'Valid until',
	'certificates.sheet.code': 'Certificate number',
	'certificates.sheet.seal': '(Seal)',
	'certificates.sheet.verify':
		'Scan the QR code, or enter the certificate number on the “Check a certificate” page, to check that it is genuine and still valid.',
	'certificates.sheet.qr': 'QR code to check this certificate',

	'certificates.print.button': 'Print or save as PDF',
	'certificates.print.back': 'Back to certificates',
	'certificates.print.hint': 'Choose A4 paper in the print dialog, or “Save as PDF”.',
	'certificates.print.missing':
		'This device does not hold that certificate. Issued certificates reach the member’s and the office’s devices by sync; wait a moment or check the connection.',
	'certificates.print.revokedBanner': 'This certificate has been revoked and is no longer valid.',
	'certificates.print.expiredBanner': 'This certificate has expired.',

	'certificates.verify.title': 'Check a service certificate',
	'certificates.verify.intro':
		'The QR code on a certificate opens this page; or enter the 12-character number printed on it. No sign-in needed.',
	'certificates.verify.code': 'Certificate number',
	'certificates.verify.codeHint': 'E.g. ABCD-EFGH-2345; letters in any case.',
	'certificates.verify.submit': 'Check',
	'certificates.verify.checking': 'Checking…',
	'certificates.verify.badCode': 'A number has 12 letters or digits. Check it and enter it again.',
	'certificates.verify.notFound':
		'No certificate has this number. Check that it was entered right.',
	'certificates.verify.tampered':
		'Check failed: the certificate’s content does not match its signature. It may have been altered or forged; do not rely on it.',
	'certificates.verify.offline': 'Checking needs a connection. Connect and try again.',
	'certificates.verify.tooMany': 'Too many checks. Please wait a moment.',
	'certificates.verify.failed': 'The check failed. Please try again later.',
	'certificates.verify.valid': 'Check passed: the certificate is genuine and valid.',
	'certificates.verify.expired': 'The certificate is genuine but expired after {date}.',
	'certificates.verify.revoked':
		'The certificate was revoked by its issuer on {date} and is no longer valid.',
	'certificates.verify.says': 'What the certificate says',
	'certificates.verify.again': 'Check another certificate'
};
