/** The invented content of the demo bureau: places, branches, names and phrases. */

export const COUNTY = { id: 'cm-city', name: '昌吉市' };

export const STREETS = [
	{ id: 'st1', name: '宁边路街道' },
	{ id: 'st2', name: '延安北路街道' }
] as const;

/** Four communities per street: cm1–cm4 in st1, cm5–cm8 in st2. */
export const COMMUNITY_NAMES = [
	'丰收社区',
	'天山社区',
	'长宁社区',
	'东苑社区',
	'延安社区',
	'青年社区',
	'和谐社区',
	'团结社区'
] as const;

export const BRANCHES = [
	{ id: 'br1', name: '局机关第一党支部', linkedCommunityId: 'cm1' },
	{ id: 'br2', name: '局机关第二党支部', linkedCommunityId: 'cm2' },
	{ id: 'br3', name: '州住房和城乡建设综合行政执法支队党支部', linkedCommunityId: 'cm3' },
	{ id: 'br4', name: '州住房公积金管理中心党支部', linkedCommunityId: 'cm5' },
	{ id: 'br5', name: '州建设工程质量安全监督站党支部', linkedCommunityId: 'cm6' },
	{ id: 'br6', name: '州城市建设档案馆党支部', linkedCommunityId: 'cm7' }
] as const;

/**
 * A second, smaller bureau whose members live in the same communities as the first's: one of its
 * branches shares `cm1` with `br1`, the other is linked to `cm4`, which no branch of the first has.
 */
export const SECOND_BUREAU = { id: 'org-zcz', name: '州财政局' } as const;

export const SECOND_BRANCHES = [
	{ id: 'br7', name: '州财政局机关党支部', linkedCommunityId: 'cm4' },
	{ id: 'br8', name: '州国库集中支付中心党支部', linkedCommunityId: 'cm1' }
] as const;

export const BACKGROUNDS = [
	'土木工程专业，长期从事建设工程质量监督工作。',
	'注册建造师，熟悉房屋建筑施工安全管理。',
	'法学专业，曾参与住建领域行政执法案卷评查。',
	'从事住房公积金政策咨询多年，熟悉个人贷款业务。',
	'城乡规划专业，参与过老旧小区改造项目。',
	'退伍军人，热心社区治安巡逻和应急处置。',
	'会计师，熟悉财务管理和政策解读。',
	'业余文艺骨干，能组织社区文艺演出。'
] as const;

export const SURNAMES = [
	'王',
	'李',
	'张',
	'刘',
	'陈',
	'杨',
	'赵',
	'黄',
	'周',
	'吴',
	'徐',
	'孙',
	'马',
	'朱',
	'胡',
	'郭',
	'何',
	'高',
	'林',
	'罗',
	'郑',
	'梁',
	'谢',
	'宋',
	'韩',
	'冯',
	'邓',
	'曹',
	'彭',
	'田'
] as const;

export const GIVEN_NAMES = [
	'建国',
	'志强',
	'丽娟',
	'秀英',
	'海燕',
	'文博',
	'晓东',
	'婷',
	'磊',
	'静',
	'军',
	'娜',
	'勇',
	'敏',
	'伟',
	'芳',
	'涛',
	'霞',
	'刚',
	'红梅',
	'雪莲',
	'建疆',
	'新华',
	'玉兰',
	'国庆',
	'春燕',
	'明辉',
	'雅琴',
	'振宇',
	'佳怡',
	'学军',
	'凤霞',
	'永刚',
	'丽萍',
	'浩然',
	'晓燕'
] as const;

/** Uyghur and Kazakh names: given name · father's name. */
export const MINORITY_GIVEN = [
	'艾尔肯',
	'买买提江',
	'古丽米拉',
	'阿依古丽',
	'热依拉',
	'迪丽努尔',
	'努尔兰',
	'叶尔兰',
	'加娜尔',
	'阿力木',
	'帕提古丽',
	'库尔班'
] as const;

export const MINORITY_FATHER = [
	'买买提',
	'吐尔逊',
	'艾力',
	'司马义',
	'吾斯曼',
	'阿不都',
	'哈力木',
	'赛力克',
	'努尔江',
	'热合曼'
] as const;

export const MOBILE_PREFIXES = [
	'130',
	'133',
	'135',
	'136',
	'138',
	'139',
	'150',
	'151',
	'152',
	'153',
	'158',
	'159',
	'177',
	'180',
	'181',
	'182',
	'186',
	'187',
	'188',
	'189',
	'199'
] as const;

export const RETURN_REASONS = [
	'居住地址与社区登记信息不符，请核实小区楼栋后重新提交。',
	'未填写可参加志愿服务的时间，请补充后重新提交。',
	'请补充个人特长及可提供的志愿服务内容。',
	'报到信息中联系方式有误，请更新个人联系方式后再次提交。'
] as const;

export const RESIDENCE_NOTES = [
	'本人居住在本社区，周末可参加社区志愿服务。',
	'可利用业余时间参与社区政策宣讲和便民服务。',
	'愿意参加社区环境整治和邻里互助活动。',
	'可为居民提供专业咨询服务，工作日晚上及周末有空。'
] as const;

export const UNIT_NOTES = [
	'随支部到联系社区报到，参与共驻共建活动。',
	'按支部安排到联系社区认领服务项目。',
	'参加联系社区组织的实事好事活动。'
] as const;

export const RESUBMIT_NOTES = [
	'已按社区意见核实信息，重新提交报到。',
	'已补充可参加服务的时间：每周六上午。',
	'已补充个人特长和可提供的服务内容。'
] as const;
