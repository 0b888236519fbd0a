/**
 * Word lists for the synthetic lessons, written for this benchmark. A few hundred words per language
 * is enough for Pagefind's index and the page sizes to behave like real prose: many distinct words,
 * a few very common ones.
 */

/** Words of one language, by the role they play in a sentence template. */
export interface Vocabulary {
  nouns: string[];
  verbs: string[];
  adjectives: string[];
  adverbs: string[];
  /** Sentence shapes with {N} {V} {A} {D} slots. */
  templates: string[];
}

const words = (text: string) => text.trim().split(/\s+/);

export const english: Vocabulary = {
  nouns: words(`
    member community course lesson habit streak check-in promise price plan cohort founder moderator
    newsletter forum thread reply post comment question answer draft essay outline chapter summary
    workshop session meeting call schedule calendar deadline milestone goal outcome result metric
    dashboard report chart table column row query index database server request response cache
    page site template component layout heading paragraph sentence word glossary example exercise
    assignment review feedback critique mentor learner reader writer editor author teacher student
    team group circle channel room event meetup webinar recording video podcast episode transcript
    subscription renewal refund invoice receipt payment discount coupon trial upgrade downgrade
    onboarding welcome introduction guideline rule policy agreement boundary conflict decision vote
    proposal budget cost revenue margin forecast estimate baseline trend curve cohort-chart
    retention churn engagement attention energy rhythm routine ritual season quarter month week day
    morning evening weekend holiday library archive folder note notebook checklist backlog roadmap
    project prototype release version feature bug fix test benchmark build pipeline deployment
    gateway session-token password account profile avatar badge level reward certificate portfolio
    story lesson-plan syllabus curriculum topic theme tag category filter search result snippet
  `),
  verbs: words(`
    write rewrite publish schedule review measure compare track count share explain describe
    invite welcome remind encourage thank answer ask test check build ship launch plan price
    design sketch outline edit trim shorten expand group sort rank archive index search filter
    open close renew cancel refund upgrade pause resume repeat practise study read summarise
    teach coach mentor support moderate guide lead follow notice record replay transcribe translate
    prepare organise collect gather sample estimate forecast report chart protect simplify split
    merge rename move copy sync save restore verify confirm approve reject decide agree vote
    celebrate reward recognise highlight feature pin mute remove fix improve tune adjust reduce
  `),
  adjectives: words(`
    clear simple steady honest small large quiet busy weekly monthly yearly daily early late
    useful practical concrete specific vague broad narrow careful patient generous strict fair
    private public open closed paid free new returning active silent loyal curious tired hopeful
    slow fast short long deep shallow fresh stale warm calm bright plain visible hidden shared
    personal local global typical rare common reliable fragile sturdy modest ambitious realistic
  `),
  adverbs: words(`
    quickly slowly carefully gently regularly rarely often usually always sometimes weekly daily
    early later together alone openly quietly patiently clearly simply briefly honestly gradually
  `),
  templates: [
    'Members {V} the {A} {N} before they {V} any {N}.',
    'When the {N} feels {A}, you can {V} the {N} {D}.',
    'A {A} {N} helps every {N} {V} {D}, so the {N} stays {A}.',
    'Write down the {N} and the {N}, then {V} them with your {N}.',
    'If the {N} is {A}, {V} the {N} first and {V} the {N} later.',
    'The {N} of a {A} {N} is rarely {A}; it depends on how you {V} the {N}.',
    'We {V} every {N} {D}, because a {A} {N} is easier to {V}.',
    'Ask each {N} to {V} one {N} and {V} the {A} {N} in the {N}.',
    'Over time the {N} becomes {A} and the {N} starts to {V} on its own.',
    'Keep the {N} {A}: {V} the {N}, {V} the {N}, and leave the {N} alone.',
    'This {N} shows why a {A} {N} matters more than the {N} itself.',
    'Most founders {V} the {N} {D} and only later {V} the {A} {N}.',
    'A {N} without a {N} is hard to {V}, so {V} the {N} {D}.',
    'Before the next {N}, {V} the {N} and note which {N} felt {A}.',
  ],
};

export const chinese: Vocabulary = {
  nouns: words(`
    社群 会员 课程 课时 习惯 打卡 承诺 价格 方案 学员 主理人 版主 周报 论坛 话题 回复 帖子 评论
    问题 答案 草稿 文章 大纲 章节 摘要 工作坊 分享会 直播 日程 日历 截止日 里程碑 目标 结果 指标
    看板 报表 图表 表格 数据 查询 索引 数据库 服务器 请求 缓存 页面 网站 模板 组件 布局 标题 段落
    句子 词汇 术语表 例子 练习 作业 点评 反馈 导师 读者 作者 编辑 老师 同学 小组 圈子 频道 活动
    线下聚会 录播 视频 播客 节目 文字稿 订阅 续费 退款 发票 收据 付款 折扣 优惠券 试用 升级 入门
    欢迎信 自我介绍 守则 规则 公约 边界 分歧 决定 投票 提案 预算 成本 收入 毛利 预测 估算 基线
    趋势 曲线 留存 流失 参与度 注意力 精力 节奏 日常 仪式 季度 月份 周末 假期 资料库 档案 文件夹
    笔记 清单 待办 路线图 项目 原型 版本 功能 缺陷 测试 构建 流程 部署 网关 账号 头像 徽章 等级
    奖励 证书 作品集 故事 教案 课纲 主题 标签 分类 筛选 搜索 片段 写作营 读书会 晨间 晚间 复盘会
  `),
  verbs: words(`
    写下 重写 发布 安排 复盘 衡量 比较 记录 统计 分享 解释 描述 邀请 欢迎 提醒 鼓励 感谢 回答
    提问 测试 检查 搭建 上线 规划 定价 设计 勾勒 修改 删减 扩展 分组 排序 归档 索引 搜索 筛选
    开放 关闭 续订 取消 退还 升级 暂停 恢复 重复 练习 学习 阅读 总结 讲授 辅导 支持 管理 引导
    带领 跟进 留意 回看 转写 翻译 准备 整理 收集 汇总 估算 预测 汇报 保护 简化 拆分 合并 命名
    保存 核对 确认 批准 拒绝 决定 商量 庆祝 表彰 突出 置顶 改进 调整 减少 坚持 打磨 沉淀 梳理
  `),
  adjectives: words(`
    清晰 简单 稳定 诚恳 小巧 庞大 安静 忙碌 具体 模糊 宽泛 狭窄 细致 耐心 慷慨 严格 公平 私密
    公开 活跃 沉默 忠实 好奇 疲惫 乐观 缓慢 迅速 简短 冗长 深入 新鲜 陈旧 温暖 冷静 明亮 朴素
    可见 隐蔽 常见 少见 可靠 脆弱 结实 谦逊 务实 真实 轻松 紧凑 完整 灵活
  `),
  adverbs: words(`
    每天 每周 每月 逐步 慢慢 认真 仔细 轻轻 经常 偶尔 总是 有时 一起 独自 公开地 悄悄 耐心地
    简单地 坦诚地 尽早 稍后 持续 反复 及时
  `),
  templates: [
    '{N}的{N}需要{D}{V}，这样{N}才会变得{A}。',
    '如果{N}不够{A}，可以先{V}{N}，再{V}{N}。',
    '很多{N}在{V}{N}之前，会{D}{V}自己的{N}。',
    '一个{A}的{N}能让{N}{D}{V}。',
    '我们{D}{V}每一个{N}，因为{A}的{N}更容易{V}。',
    '请每位{N}{V}一个{N}，然后在{N}里{V}{A}的{N}。',
    '{N}和{N}之间的关系，决定了{N}能否{V}。',
    '时间久了，{N}会越来越{A}，{N}也会开始自己{V}。',
    '先把{N}写下来，再和{N}一起{V}{N}。',
    '这个{N}说明，{A}的{N}比{N}本身更重要。',
    '大多数主理人会{D}{V}{N}，之后才{V}{A}的{N}。',
    '没有{N}的{N}很难{V}，所以要{D}{V}{N}。',
    '下一次{N}之前，先{V}{N}，并记下哪个{N}显得{A}。',
  ],
};
