import type { FlowNode } from '@orgdesk/contracts';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Drops what the member left empty (the server reads an absent value as not filled in), in tables too. */
export function cleanForm(values: Record<string, unknown> = {}): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    if (isEmpty(value)) continue;
    form[id] = Array.isArray(value) && value.some((row) => typeof row === 'object' && row !== null && !Array.isArray(row)) ? value.map((row) => cleanForm(row as Record<string, unknown>)) : value;
  }
  return form;
}

/** Approver nodes whose approvers the applicant picks (自选), in every branch, since the route is decided on submit. */
export function applicantChoiceNodes(flow: readonly FlowNode[]): { id: string; name: string }[] {
  return flow.flatMap((node) => {
    if (node.type === 'approver') return node.approvers.kind === 'applicant_choice' ? [{ id: node.id, name: node.name }] : [];
    if (node.type === 'branch') return node.branches.flatMap((branch) => applicantChoiceNodes(branch.nodes));
    return [];
  });
}
