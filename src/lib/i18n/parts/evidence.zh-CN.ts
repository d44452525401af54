/** Messages of the evidence screens and rules; spread into zh-CN.ts. */
export const evidenceZh = {
	'evidence.pick': '选择照片或PDF',
	'evidence.camera': '拍照',
	'evidence.count': '已选 {count} / {max}',
	'evidence.remove': '移除',
	'evidence.processing': '正在处理照片…',
	'evidence.hint': '照片会压缩并去除位置信息；每个文件不超过 10 MB。',
	'evidence.full': '最多 {max} 个文件',
	'evidence.problem.unsupported': '只能上传照片（JPEG、PNG、WebP 等）或 PDF 文件',
	'evidence.problem.too-large': '文件超过 10 MB，请换一个较小的文件',
	'evidence.problem.unreadable': '这张照片无法打开，请重新拍摄或换一张',
	'evidence.pdf': 'PDF 文件',
	'evidence.notUploaded': '照片尚未上传',
	'evidence.waiting': '{count} 个文件等待上传',
	'evidence.refused.too-large': '服务器拒收：文件太大',
	'evidence.refused.unsupported': '服务器拒收：文件类型不支持',
	'evidence.refused.mismatch': '服务器拒收：文件内容有误'
} as const;
