import type { FieldError } from '@orgdesk/contracts';
import type { Executor } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { StepSpec } from './flow';

/**
 * One node of a route an API call gives instead of the template's flow (use_template_approver 0): approvers
 * (或签 any, 会签 all, 依次 sequential) or cc recipients, by userid. `path` names the node in the caller's terms,
 * so errors point at what the caller sent.
 */
export interface ApiRouteNode {
  path: string;
  type: 'approver' | 'cc';
  mode: 'any' | 'all' | 'sequential';
  userids: string[];
  /** When a cc node copies: on submit, once approved, or both. */
  ccWhen?: 'submit' | 'finish' | 'both';
}

/**
 * The steps of an ad-hoc route, checked as a template's flow would be when saved: every userid is an active member
 * of the corp, and at least one approver node (else the request would finish unapproved). The steps then run as
 * any route does (resolved at activation, the template's self-approval rule applied).
 */
export async function adHocRoute(db: Executor, corpId: string, nodes: readonly ApiRouteNode[]): Promise<StepSpec[]> {
  const errors: FieldError[] = [];
  const wanted = [...new Set(nodes.flatMap((n) => n.userids.map((u) => u.toLowerCase())))];
  const active = wanted.length
    ? await db.selectFrom('members').select('userid').where('corp_id', '=', corpId).where('status', '=', 1).where((eb) => eb(eb.fn('lower', ['userid']), 'in', wanted)).execute()
    : [];
  const known = new Set(active.map((m) => m.userid.toLowerCase()));
  for (const node of nodes) {
    node.userids.forEach((userid, i) => {
      if (!known.has(userid.toLowerCase())) errors.push({ path: `${node.path}.${i}`, reason: 'no active member with this userid' });
    });
  }
  if (!nodes.some((n) => n.type === 'approver')) errors.push({ path: nodes[0]?.path ?? 'route', reason: 'at least one approver node' });
  if (errors.length) throw new AppError('approvals.route_invalid', { fields: errors });
  return nodes.map((node, i) => ({
    nodeId: `api-${i + 1}`,
    name: node.type === 'approver' ? '审批人' : '抄送人',
    type: node.type,
    // A cc step copies everyone it names; its mode is not used.
    mode: node.type === 'cc' ? 'all' : node.mode,
    spec: { kind: 'members', userids: node.userids },
    ccWhen: node.type === 'cc' ? (node.ccWhen ?? 'submit') : null,
  }));
}
