/**
 * The words of what a reader already holds (pricing and course pages, the account page, the demo
 * portal, the home page's call to action) in both languages. Kept apart from the site dictionaries
 * so the billing islands carry only these. Chinese strings use full-width punctuation.
 */
import type { Locale } from './index.ts';

const zh = {
  currentPlan: '当前方案',
  trialing: '免费试用中，{date} 试用结束后自动续费。',
  trialingCancelled: '免费试用中，已取消，{date} 到期后不再续费。',
  renews: '生效中，{date} 自动续费。',
  cancelled: '已取消自动续费，可使用至 {date}。',
  pastDue: '扣款未成功，请更新付款方式；会员权益保留至 {date}。',
  ended: '已结束。',
  manageBilling: '管理账单',
  passUntil: '有效期至 {date}。再次购买将从到期日起顺延（续期叠加）。',
  renewPass: '续期',
  courseBought: '你已购买本课程，可以直接学习。',
  courseIncluded: '你的会员已包含本课程，可以直接学习。',
  courseOwnedShort: '已解锁',
  includedInPlan: '你当前的会员已包含这里的全部内容。',
  signedInAs: '已登录：{name}',
  portalTitle: '演示账单管理',
  portalDescription: '演示模式下的账单管理：像 Stripe 的客户门户那样取消、恢复或立即结束订阅。',
  portalBanner: '演示模式：这里不会产生任何扣款。接入 Stripe 后，“管理账单”会打开 Stripe 的客户门户。',
  portalLoading: '正在读取你的订阅……',
  portalNone: '你目前没有订阅。',
  portalSignIn: '请先登录。',
  cancelAtPeriodEnd: '在本期结束时取消',
  resume: '恢复自动续费',
  endNow: '立即结束订阅',
  endNowConfirm: '立即结束后会员权益马上失效，确定吗？',
  portalDone: '已更新。',
  portalFailed: '操作没有成功，请刷新页面后重试。',
  backToAccount: '返回账户页',
  statusLine: '状态：{text}',
  ctaTitle: '成为学堂会员',
  ctaBody: '解锁全部课程与会员文章，每天打卡、参与讨论，和同路人一起坚持学习。',
  ctaPricing: '查看会员方案',
  ctaSignUp: '免费注册',
  ctaMemberTitle: '欢迎回来',
  ctaMemberBody: '继续学习，或者去打卡页记下今天的收获。',
  ctaCheckin: '去打卡',
  ctaCourses: '浏览课程',
};

const en: typeof zh = {
  currentPlan: 'Current plan',
  trialing: 'Free trial until {date}; it then renews automatically.',
  trialingCancelled: 'Free trial, cancelled: it ends on {date} and will not renew.',
  renews: 'Active; renews on {date}.',
  cancelled: 'Cancelled: it will not renew, and stays open until {date}.',
  pastDue: 'The last payment failed: update your payment method. Access is kept until {date}.',
  ended: 'Ended.',
  manageBilling: 'Manage billing',
  passUntil: 'Valid until {date}. Buying again extends it from that date (renewals stack).',
  renewPass: 'Renew',
  courseBought: 'You own this course: start learning any time.',
  courseIncluded: 'Your membership includes this course: start learning any time.',
  courseOwnedShort: 'Unlocked',
  includedInPlan: 'Your current membership already includes everything here.',
  signedInAs: 'Signed in as {name}',
  portalTitle: 'Demo billing portal',
  portalDescription: 'Billing in demo mode: cancel, resume or end a subscription, as Stripe’s customer portal would.',
  portalBanner: 'Demo mode: nothing here charges anyone. Once Stripe is set up, “Manage billing” opens Stripe’s customer portal instead.',
  portalLoading: 'Loading your subscriptions…',
  portalNone: 'You have no subscription.',
  portalSignIn: 'Please sign in first.',
  cancelAtPeriodEnd: 'Cancel at the end of the period',
  resume: 'Resume renewing',
  endNow: 'End the subscription now',
  endNowConfirm: 'Ending now closes your membership at once. Are you sure?',
  portalDone: 'Updated.',
  portalFailed: 'That did not work. Reload the page and try again.',
  backToAccount: 'Back to your account',
  statusLine: 'Status: {text}',
  ctaTitle: 'Become a Xuetang member',
  ctaBody: 'Unlock every course and members-only article, check in daily, join the discussions and keep learning alongside others.',
  ctaPricing: 'See the plans',
  ctaSignUp: 'Sign up free',
  ctaMemberTitle: 'Welcome back',
  ctaMemberBody: 'Pick up where you left off, or note today’s lesson on the check-in page.',
  ctaCheckin: 'Check in',
  ctaCourses: 'Browse courses',
};

/** One set of billing words. */
export type BillingStrings = typeof zh;

/** The billing words of each language. */
export const billingStrings: Record<Locale, BillingStrings> = { 'zh-CN': zh, en };
