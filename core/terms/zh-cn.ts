import type { DomainTerms } from './terms.ts';

/**
 * Simplified Chinese: the vendor's zh-CN terms where it has them (docs/terms.md, which a test holds
 * these to); the others are chosen there, with the reason.
 */
export const ZH_CN_TERMS: DomainTerms = {
  priority: { High: '高', Medium: '中', Low: '低' },
  activityType: {
    Update: '软件更新',
    Upgrade: '软件升级',
    Uninstall: '软件卸载',
    ConfigurationChange: '配置更改',
    AttentionRequired: '需要注意',
  },
  activityStatus: { Active: '活动', Completed: '已完成' },
  deviceState: { exposed: '暴露', fixed: '已修复', leftScope: '已离开设备组', vanished: '已不在数据中' },
  completedBy: { system: '系统确认', unknown: '不适用' },
  taskStatus: { pending: '待处理', active: '已接受', completed: '已完成', rejected: '已拒绝' },
  justification: {
    ThirdPartyControl: '第三方控制',
    AlternateMitigation: '替代缓解措施',
    RiskAccepted: '已接受风险',
    PlannedRemediation: '计划的修正（宽限期）',
  },
  exceptionStatus: { InEffect: '生效中', Suspended: '已暂停', Expired: '已过期', Canceled: '已取消' },
  exceptionScope: { global: '全局（所有当前和将来的设备组）', groups: '设备组' },
  recommendationStatus: { Active: '活动', Exception: '例外' },
  severity: { Critical: '严重', High: '高', Medium: '中', Low: '低', unknown: '未知（无 CVE）' },
};
