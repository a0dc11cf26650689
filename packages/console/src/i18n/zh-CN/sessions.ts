// My sign-in sessions and their stages.
export const sessions = {
  title: '我的登录会话',
  current: '当前会话',
  device: '设备',
  ip: 'IP 地址',
  stage: '状态',
  createdAt: '登录时间',
  lastSeenAt: '最近活动',
  expiresAt: '过期时间',
  unknown: '未知',
  revoke: '下线',
  revokeConfirm: '确定让该会话下线？',
  revokeCurrentConfirm: '这是当前会话，下线后需要重新登录。确定继续？',
  revoked: '会话已下线',
  recoveryTitle: '恢复码',
  recoveryLeft: '剩余可用恢复码：{{count}} 个',
  regenerate: '重新生成恢复码',
  regenerateTitle: '重新生成恢复码？',
  regenerateBody: '生成后，之前的恢复码将全部失效。',
  newCodesTitle: '新的恢复码',
};

export const stage = {
  second_factor: '待两步验证',
  enroll_totp: '待绑定验证器',
  full: '已登录',
};
