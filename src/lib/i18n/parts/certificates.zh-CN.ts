/** Messages of service record certificates and their check (keys `certificates.*`); issue 20. */
export const certificatesZh = {
	'certificates.title': '志愿服务证明',
	'certificates.intro':
		'按国家志愿服务记录证明的格式，开具一段时间内已审核通过的志愿服务记录；打印后扫码或输入编号即可查验真伪。',
	'certificates.noRole': '开具服务证明需要党员或组织人事科的账号。',
	'certificates.loading': '正在读取本机数据……',

	'certificates.period.legend': '证明的时间段',
	'certificates.period.thisYear': '{year}年全年至今',
	'certificates.period.lastYear': '{year}年全年',
	'certificates.period.custom': '自定起止日期',
	'certificates.period.from': '开始日期',
	'certificates.period.to': '结束日期',
	'certificates.period.invalid': '请填写完整的开始和结束日期。',
	'certificates.period.reversed': '开始日期不能晚于结束日期。',
	'certificates.period.future': '结束日期不能晚于今天。',
	'certificates.period.too-long': '一份证明最多涵盖连续 5 个年度。',

	'certificates.preview.title': '证明将写明的内容',
	'certificates.preview.note':
		'只计入已审核通过的服务记录，服务时长不含往返路途时间。正式证明由服务器根据审核记录开具并签名。',
	'certificates.preview.empty':
		'这段时间内还没有审核通过的服务记录，暂不能开具证明。服务记录经社区确认和支部书记审核后才会计入。',
	'certificates.preview.offlineNote': '本机只保存本年度和上一年度的记录；更早的记录以服务器为准。',

	'certificates.make': '开具证明',
	'certificates.making': '正在开具……',
	'certificates.syncing': '已开具，正在同步到本机……',
	'certificates.made': '证明已开具。',
	'certificates.failure.offline': '开具证明需要联网。请连接网络后再试。',
	'certificates.failure.nothing': '这段时间内没有审核通过的服务记录，不能开具证明。',
	'certificates.failure.period': '时间段有误：{reason}',
	'certificates.failure.not-found': '找不到这名党员，或您无权为其开具证明。',
	'certificates.failure.failed': '开具失败，请稍后再试。',

	'certificates.list.title': '已开具的证明',
	'certificates.list.empty': '还没有开具过证明。',
	'certificates.list.officeEmpty': '这名党员今年还没有开具过证明。',
	'certificates.list.item': '{from} 至 {to} · {hours} 小时',
	'certificates.list.issued': '开具于 {date}',
	'certificates.list.open': '查看和打印',
	'certificates.list.later': '证明已开具，同步到本机后显示在这里。',

	'certificates.state.valid': '有效',
	'certificates.state.expired': '已过期',
	'certificates.state.revoked': '已撤销',

	'certificates.office.title': '为党员开具和管理证明',
	'certificates.office.search': '查找党员（姓名）',
	'certificates.office.searchHint': '本局党员，按姓名查找。',
	'certificates.office.noMatch': '没有找到姓名相符的党员。',
	'certificates.office.pick': '选择',
	'certificates.office.chosen': '当前党员：{name}',
	'certificates.office.listNote': '这里列出本年度开具的证明。',
	'certificates.office.makeFor': '为 {name} 开具证明',

	'certificates.revoke.button': '撤销',
	'certificates.revoke.reason': '撤销原因',
	'certificates.revoke.reasonHint':
		'党员本人和组织人事科可以看到原因；公开查验只显示已撤销及时间。',
	'certificates.revoke.confirm': '确认撤销',
	'certificates.revoke.cancel': '取消',
	'certificates.revoke.missing': '请填写撤销原因。',
	'certificates.revoke.done': '证明已撤销。',
	'certificates.revoke.already': '这份证明已经撤销过了。',
	'certificates.revoke.offline': '撤销证明需要联网。请连接网络后再试。',
	'certificates.revoke.failed': '撤销失败，请稍后再试。',
	'certificates.revoked.note': '已于 {date} 撤销：{reason}',

	'certificates.sheet.title': '志愿服务记录证明',
	'certificates.sheet.lead':
		'兹证明 {name} 同志于 {from} 至 {to} 期间参加志愿服务，经审核累计服务时长 {hours} 小时（不含往返路途时间）。',
	'certificates.sheet.name': '姓名',
	'certificates.sheet.organisations': '服务组织（地点）',
	'certificates.sheet.more': '等 {count} 个社区',
	'certificates.sheet.period': '服务时间',
	'certificates.sheet.periodValue': '{from} 至 {to}',
	'certificates.sheet.content': '服务内容',
	'certificates.sheet.line': '{category} {services} 次，{hours} 小时',
	'certificates.sheet.hours': '服务时长',
	'certificates.sheet.hoursValue': '{hours} 小时（共 {services} 次，不含往返路途时间）',
	'certificates.sheet.issuer': '出具单位',
	'certificates.sheet.issuedOn': '出具日期',
	'certificates.sheet.validUntil': '有效期至',
	'certificates.sheet.code': '证明编号',
	'certificates.sheet.seal': '（盖章）',
	'certificates.sheet.verify':
		'扫描二维码，或访问本系统的“查验服务证明”页面输入证明编号，即可查验本证明的真伪和状态。',
	'certificates.sheet.qr': '查验本证明的二维码',

	'certificates.print.button': '打印或保存为 PDF',
	'certificates.print.back': '返回证明列表',
	'certificates.print.hint': '在打印对话框中选择 A4 纸；也可选择“另存为 PDF”。',
	'certificates.print.missing':
		'本机没有这份证明。证明开具后会同步到本人和组织人事科的设备上；请稍候或检查网络。',
	'certificates.print.revokedBanner': '此证明已撤销，不再有效。',
	'certificates.print.expiredBanner': '此证明已超过有效期。',

	'certificates.verify.title': '查验志愿服务证明',
	'certificates.verify.intro':
		'扫描证明上的二维码会直接打开本页；也可以输入证明上的 12 位编号。无需登录。',
	'certificates.verify.code': '证明编号',
	'certificates.verify.codeHint': '例如 ABCD-EFGH-2345，字母不区分大小写。',
	'certificates.verify.submit': '查验',
	'certificates.verify.checking': '正在查验……',
	'certificates.verify.badCode': '编号应为 12 位字母或数字，请核对后重新输入。',
	'certificates.verify.notFound': '没有这个编号的证明。请核对编号是否输入正确。',
	'certificates.verify.tampered':
		'查验未通过：这份证明的内容与签名不符，可能被篡改或伪造，请勿采信。',
	'certificates.verify.offline': '查验需要联网。请连接网络后再试。',
	'certificates.verify.tooMany': '查验过于频繁，请稍后再试。',
	'certificates.verify.failed': '查验失败，请稍后再试。',
	'certificates.verify.valid': '查验通过：证明真实有效。',
	'certificates.verify.expired': '证明真实，但已于 {date} 过期。',
	'certificates.verify.revoked': '证明已于 {date} 被出具单位撤销，不再有效。',
	'certificates.verify.says': '证明内容',
	'certificates.verify.again': '查验另一份证明'
};
