import type { evidenceZh } from './evidence.zh-CN';

export const evidenceEn: Record<keyof typeof evidenceZh, string> = {
	'evidence.pick': 'Choose photos or PDF',
	'evidence.camera': 'Take photo',
	'evidence.count': '{count} of {max} chosen',
	'evidence.remove': 'Remove',
	'evidence.processing': 'Processing photos…',
	'evidence.hint': 'Photos are compressed and their location removed; at most 10 MB per file.',
	'evidence.full': 'At most {max} files',
	'evidence.problem.unsupported': 'Only photos (JPEG, PNG, WebP …) or PDF files can be added',
	'evidence.problem.too-large': 'The file is over 10 MB; choose a smaller one',
	'evidence.problem.unreadable': 'This photo cannot be opened; take or choose another',
	'evidence.pdf': 'PDF file',
	'evidence.notUploaded': 'Photo not uploaded yet',
	'evidence.waiting': '{count} files waiting to upload',
	'evidence.refused.too-large': 'Refused by the server: file too large',
	'evidence.refused.unsupported': 'Refused by the server: file type not supported',
	'evidence.refused.mismatch': 'Refused by the server: file content is wrong'
};
