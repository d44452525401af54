/** Messages of the year-end hub (keys `yearEnd.*`); issue 20. */
export const yearEndZh = {
	'yearEnd.title': '年终评价',
	'yearEnd.intro':
		'一年的述职评议、社区评价、违纪记录、评优公示、服务故事和服务证明，都从这里进入。',
	'yearEnd.empty': '您的角色在年终没有需要处理的工作。',
	'yearEnd.publicTitle': '公开信息',
	'yearEnd.publicIntro': '无需登录即可查看：评优公示、服务故事，以及服务证明的真伪查验。',
	'yearEnd.publicStories': '服务故事',
	'yearEnd.publicVerify': '查验服务证明',
	'yearEnd.topic.workReports.title': '述职评议',
	'yearEnd.topic.workReports.intro':
		'支部书记年度述职；街道、社区和居民评议，结果作为“五个好”党支部的依据。',
	'yearEnd.topic.feedback.title': '社区评价',
	'yearEnd.topic.feedback.intro': '社区对在本社区服务过的党员作出年终评价，计入考核和评定等次。',
	'yearEnd.topic.breaches.title': '违纪记录',
	'yearEnd.topic.breaches.intro':
		'社区报告违反报到纪律的情况，党员可以说明，组织人事科确认或撤销。',
	'yearEnd.topic.awards.title': '评优公示',
	'yearEnd.topic.awards.intro': '“志愿服务之星”和“最美下沉干部”的推荐、公示、异议处理和公布。',
	'yearEnd.topic.stories.title': '服务故事',
	'yearEnd.topic.stories.intro': '日常服务和急难险重中的感人故事，经组织人事科审核后公开发布。',
	'yearEnd.topic.certificates.title': '志愿服务证明',
	'yearEnd.topic.certificates.intro': '开具一段时间的志愿服务记录证明，可打印，扫码即可查验真伪。'
};
