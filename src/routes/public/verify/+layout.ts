import { addCertificateMessages } from '$lib/components/certificates/certificate-messages';

addCertificateMessages();
