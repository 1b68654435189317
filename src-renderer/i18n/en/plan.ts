// English: the plan namespace. Keys are the source of truth: vi/plan.ts must have the same ones (typed).
export default {
  names: { free: 'Free', pro: 'Pro' },
  summary: 'Plan: {{name}}',
  group: 'Plan',
  youAreOnBefore: 'You are on ',
  signInToManage: 'Sign in to your Trade Bot Scratch account to upgrade or manage your plan.',
  proAdds: 'Pro adds any number of live accounts, MetaTrader 5, SMS alerts and scale-out.',
  upgradeMonthly: 'Upgrade (monthly)',
  upgradeYearly: 'Upgrade (yearly)',
  manage: 'Manage',
  checkAgain: 'Check again',
  paymentFailed: 'A payment failed: update your card before {{day}} to keep Pro.',
  unreachable: 'The account server could not be reached: Pro is kept until {{day}}.',
  endsOn: 'Pro ends on {{day}}.',
  renewsOn: 'Renews on {{day}}.',
  ended: 'Your Pro plan ended. Open orders are not affected.',
  endedOn: 'Your Pro plan ended on {{day}}. Open orders are not affected.',
};
