import type { NeedCategory } from '../../domain/marketplace/need-categories';
import type { Urgency } from '../../domain/marketplace/service-items';

/*
 * What the demo's communities publish: service projects, standing posts, residents' needs and
 * micro-wishes, each tagged with the profile codes (profile-vocabulary.ts) of members it suits.
 */

export interface ProjectTemplate {
	title: string;
	description: string;
	skills: string[];
	fields: string[];
	place: string;
}

export const PROJECTS: readonly ProjectTemplate[] = [
	{
		title: '社区法律咨询日',
		description: '在社区服务站为居民解答婚姻家庭、物业纠纷、劳动报酬等法律问题。',
		skills: ['legal-advice'],
		fields: ['law'],
		place: '社区党群服务中心一楼'
	},
	{
		title: '老年人健康义诊',
		description: '为辖区老人测血压、血糖，讲解慢病用药常识，建立简易健康档案。',
		skills: ['health-care'],
		fields: ['medicine'],
		place: '社区卫生服务站'
	},
	{
		title: '燃气安全入户检查',
		description: '逐户查看燃气管线、灶具和报警器，讲解冬季燃气安全使用常识。',
		skills: ['gas-safety'],
		fields: [],
		place: '3号楼至8号楼'
	},
	{
		title: '老旧楼栋安全巡查',
		description: '查看楼道、外墙和消防通道隐患，拍照记录后交社区统一处理。',
		skills: ['building-safety'],
		fields: ['civil-engineering'],
		place: '老旧小区各楼栋'
	},
	{
		title: '老年人智能手机课堂',
		description: '教老人用手机挂号、缴费、视频通话，识别常见诈骗短信。',
		skills: ['computing'],
		fields: ['it'],
		place: '社区活动室'
	},
	{
		title: '新春义写春联',
		description: '为居民现场书写春联和福字，和孩子们一起剪窗花。',
		skills: ['calligraphy-painting'],
		fields: ['culture-arts'],
		place: '社区文化广场'
	},
	{
		title: '国家通用语言和政策双语宣讲',
		description: '用国家通用语言和民族语言讲解惠民政策，解答居民疑问。',
		skills: ['bilingual-translation', 'policy-lecture'],
		fields: ['education'],
		place: '社区新时代文明实践站'
	},
	{
		title: '家庭理财和防范电信诈骗讲座',
		description: '讲解家庭记账、识别非法集资和电信诈骗的常见手法。',
		skills: ['accounting'],
		fields: ['finance'],
		place: '社区党群服务中心二楼'
	},
	{
		title: '青少年心理疏导',
		description: '为辖区中学生和家长提供考前减压、亲子沟通的一对一谈心。',
		skills: ['counselling'],
		fields: ['education'],
		place: '社区心理驿站'
	},
	{
		title: '小区物业矛盾调解',
		description: '协助社区调解停车、漏水、物业费等邻里和物业矛盾。',
		skills: ['property-management', 'legal-advice'],
		fields: ['housing-fund'],
		place: '社区调解室'
	},
	{
		title: '老旧小区改造入户评估',
		description: '入户了解住房现状和居民意愿，协助填写改造需求表。',
		skills: ['housing-appraisal'],
		fields: ['construction-management', 'urban-planning'],
		place: '改造片区各楼栋'
	},
	{
		title: '楼道照明维修',
		description: '检查并更换楼道损坏的灯具和开关，排查私拉乱接电线。',
		skills: ['electrical-repair'],
		fields: [],
		place: '老旧小区各楼栋'
	},
	{
		title: '社区文艺汇演排练',
		description: '帮助居民文艺队编排节目，准备民族团结主题文艺汇演。',
		skills: ['arts-promotion'],
		fields: ['culture-arts'],
		place: '社区文化活动室'
	},
	{
		title: '社区活动影像记录',
		description: '为社区活动拍照，整理成图片档案和宣传栏素材。',
		skills: ['photography'],
		fields: [],
		place: '社区各活动现场'
	}
];

export interface PostTemplate {
	title: string;
	description: string;
	skills: string[];
	fields: string[];
	schedule: string;
	weekday: number;
	start: string;
	end: string;
}

export const POSTS: readonly PostTemplate[] = [
	{
		title: '楼栋长',
		description: '联系本楼栋住户，收集诉求，协助社区通知和走访独居老人。',
		skills: ['property-management', 'elderly-disabled-care'],
		fields: [],
		schedule: '每周六上午',
		weekday: 6,
		start: '09:00',
		end: '11:00'
	},
	{
		title: '便民服务站值守',
		description: '在便民服务站接待居民，登记求助事项，协助办理社保、医保查询。',
		skills: ['computing', 'accounting'],
		fields: ['administration'],
		schedule: '每周三晚上',
		weekday: 3,
		start: '19:00',
		end: '21:00'
	},
	{
		title: '独居老人探访员',
		description: '每周上门看望结对的独居老人，陪聊天、帮买药，发现情况及时告诉社区。',
		skills: ['elderly-disabled-care', 'health-care'],
		fields: ['medicine'],
		schedule: '每周日下午',
		weekday: 7,
		start: '15:00',
		end: '17:00'
	}
];

export interface NeedTemplate {
	title: string;
	description: string;
	category: NeedCategory;
	urgency: Urgency;
	skills: string[];
}

export const NEEDS: readonly NeedTemplate[] = [
	{
		title: '厨房灯不亮了',
		description: '独居老人家厨房灯不亮，开关也有异响，需要上门看看。',
		category: 'repair',
		urgency: 'soon',
		skills: ['electrical-repair']
	},
	{
		title: '帮行动不便的老人取药',
		description: '老人腿脚不便，每月需要到社区医院取一次降压药。',
		category: 'errands',
		urgency: 'normal',
		skills: []
	},
	{
		title: '咨询赡养纠纷怎么办',
		description: '居民想了解子女不履行赡养义务时可以怎样维权。',
		category: 'legal',
		urgency: 'normal',
		skills: ['legal-advice']
	},
	{
		title: '孩子数学作业辅导',
		description: '双职工家庭的三年级孩子放学后需要有人辅导数学作业。',
		category: 'study',
		urgency: 'normal',
		skills: []
	},
	{
		title: '陪老人复查',
		description: '老人下周要到州医院复查，子女在外地，需要有人陪同。',
		category: 'health',
		urgency: 'urgent',
		skills: ['health-care']
	},
	{
		title: '清理楼道堆放的杂物',
		description: '二单元楼道堆了很多纸箱和旧家具，居民担心消防安全。',
		category: 'environment',
		urgency: 'soon',
		skills: []
	}
];

export interface WishTemplate {
	title: string;
	description: string;
	budgetYuan: number;
	skills: string[];
}

export const WISHES: readonly WishTemplate[] = [
	{
		title: '给孙子买一套课外书',
		description: '小学四年级的孙子喜欢看书，希望有一套适合他的课外读物。',
		budgetYuan: 150,
		skills: []
	},
	{
		title: '一个新的电饭煲',
		description: '家里的电饭煲坏了，老人想要一个简单好用的。',
		budgetYuan: 200,
		skills: []
	},
	{
		title: '学会用手机和孙女视频',
		description: '老人的孙女在外地上大学，想学会用手机视频通话。',
		budgetYuan: 0,
		skills: ['computing']
	},
	{
		title: '一副合适的老花镜',
		description: '老人的老花镜度数不够了，希望有人陪着去配一副。',
		budgetYuan: 100,
		skills: []
	},
	{
		title: '给轮椅换个新轮胎',
		description: '轮椅的轮胎磨坏了，推起来很费劲。',
		budgetYuan: 80,
		skills: []
	},
	{
		title: '一幅写着“家和万事兴”的字',
		description: '老人想在客厅挂一幅毛笔字。',
		budgetYuan: 0,
		skills: ['calligraphy-painting']
	}
];

/** Residents behind the needs and wishes (invented): only staff and the claimer see them. */
export const RESIDENT_NAMES = [
	'马桂兰',
	'李秀英',
	'阿依古丽',
	'王德福',
	'张淑珍',
	'艾买提',
	'刘玉梅',
	'赵建国'
];
export const RESIDENT_ADDRESSES = [
	'1号楼2单元301',
	'3号楼1单元502',
	'5号楼3单元102',
	'7号楼2单元401'
];

export const DONE_NOTES = [
	'按时到场，完成了约定的服务。',
	'已上门完成，居民很满意。',
	'和社区工作人员一起完成，记录已交社区。'
];

export const RETURN_REASON = '请补充服务照片或说明服务内容。';
