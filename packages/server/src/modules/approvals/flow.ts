import type { ApproverSpec, ConditionClause, Control, FieldError, FlowNode, TimeLimit } from '@orgdesk/contracts';

/** One step of a request's route: an approver node, or a cc node, with its spec (people resolved later). */
export interface StepSpec {
  nodeId: string;
  name: string;
  type: 'approver' | 'cc';
  mode: 'any' | 'all' | 'sequential';
  spec: ApproverSpec;
  ccWhen: 'submit' | 'finish' | 'both' | null;
  /** An approver node's 限时处理; absent or null: none. */
  timeLimit?: TimeLimit | null;
}

/** What a condition can ask of a request: numbers of fields, chosen options, the applicant's departments. */
export interface ConditionFacts {
  /** A Number or Money field (yuan), a Table's Money column sum, or a DateRange's days; null when empty. */
  numberOf(field: string): number | null;
  optionsOf(field: string): string[];
  /** The applicant's department and every department above it. */
  departmentPath: readonly number[];
}

/** The kind of value a condition field gives, or null when the template has no such field. */
export function fieldKind(controls: readonly Control[], field: string): 'number' | 'options' | 'department' | null {
  if (field === 'applicant.department') return 'department';
  const [id, columnId] = field.split('.');
  const control = controls.find((c) => c.id === id);
  if (!control) return null;
  if (columnId !== undefined) {
    const column = control.type === 'Table' ? control.columns.find((c) => c.id === columnId) : undefined;
    return column && (column.type === 'Money' || column.type === 'Number') ? 'number' : null;
  }
  if (control.type === 'Number' || control.type === 'Money' || control.type === 'DateRange') return 'number';
  if (control.type === 'Selector') return 'options';
  return null;
}

function clauseHolds(clause: ConditionClause, facts: ConditionFacts): boolean {
  switch (clause.op) {
    case 'under':
      return clause.value.some((d) => facts.departmentPath.includes(d));
    case 'in': {
      const chosen = facts.optionsOf(clause.field);
      return chosen.some((k) => clause.value.includes(k));
    }
    case 'between': {
      const n = facts.numberOf(clause.field);
      return n !== null && n >= clause.value[0] && n < clause.value[1];
    }
    default: {
      const n = facts.numberOf(clause.field);
      if (n === null) return false;
      const v = clause.value;
      return { lt: n < v, lte: n <= v, gt: n > v, gte: n >= v, eq: n === v }[clause.op];
    }
  }
}

/**
 * The route a request takes: branches decided on the form as submitted (all clauses of a branch must hold; the
 * first that holds wins, else the default), flattened to steps. 连续多级主管 becomes one step per level.
 */
export function routeOf(flow: readonly FlowNode[], facts: ConditionFacts): StepSpec[] {
  const steps: StepSpec[] = [];
  for (const node of flow) {
    if (node.type === 'branch') {
      const taken = node.branches.find((b) => b.when === null || b.when.every((c) => clauseHolds(c, facts)));
      if (taken) steps.push(...routeOf(taken.nodes, facts));
    } else if (node.type === 'cc') {
      steps.push({ nodeId: node.id, name: node.name, type: 'cc', mode: 'all', spec: node.recipients, ccWhen: node.when });
    } else if (node.approvers.kind === 'leaders_up_to') {
      for (let level = 1; level <= node.approvers.level; level++) {
        steps.push({ nodeId: `${node.id}#${level}`, name: node.name, type: 'approver', mode: node.mode, spec: { kind: 'leader', level }, ccWhen: null, timeLimit: node.timeLimit ?? null });
      }
    } else {
      steps.push({ nodeId: node.id, name: node.name, type: 'approver', mode: node.mode, spec: node.approvers, ccWhen: null, timeLimit: node.timeLimit ?? null });
    }
  }
  return steps;
}

/** Whether every way through these nodes passes an approver node. */
function alwaysApproved(nodes: readonly FlowNode[]): boolean {
  return nodes.some((n) => n.type === 'approver' || (n.type === 'branch' && n.branches.every((b) => alwaysApproved(b.nodes))));
}

/**
 * Why a flow cannot be saved: duplicate node ids, branches without exactly one default (last), conditions on fields
 * the form does not have or of the wrong kind, a way through with no approver (a request would finish unapproved).
 */
export function flowErrors(controls: readonly Control[], flow: readonly FlowNode[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const walk = (nodes: readonly FlowNode[], path: string) => {
    nodes.forEach((node, i) => {
      const at = `${path}.${i}`;
      if (seen.has(node.id)) errors.push({ path: `${at}.id`, reason: `repeats node id ${node.id}` });
      seen.add(node.id);
      if (node.type !== 'branch') return;
      node.branches.forEach((branch, b) => {
        const isLast = b === node.branches.length - 1;
        if (isLast && branch.when !== null) errors.push({ path: `${at}.branches.${b}.when`, reason: 'the last branch must be the default (no condition)' });
        if (!isLast && branch.when === null) errors.push({ path: `${at}.branches.${b}.when`, reason: 'only the last branch may be the default' });
        (branch.when ?? []).forEach((clause, c) => {
          const kind = fieldKind(controls, clause.field);
          const wanted = clause.op === 'under' ? 'department' : clause.op === 'in' ? 'options' : 'number';
          if (kind === null) errors.push({ path: `${at}.branches.${b}.when.${c}.field`, reason: `no field ${clause.field} in the form` });
          else if (kind !== wanted) errors.push({ path: `${at}.branches.${b}.when.${c}.op`, reason: `does not apply to ${clause.field}` });
        });
        walk(branch.nodes, `${at}.branches.${b}.nodes`);
      });
    });
  };
  walk(flow, 'flow');
  if (!alwaysApproved(flow)) errors.push({ path: 'flow', reason: 'some requests would pass no approver' });
  return errors;
}

/** Every approver spec in a flow, with where it is, for checking that the members, roles and tags exist. */
export function specsOf(flow: readonly FlowNode[], path = 'flow'): { path: string; spec: ApproverSpec }[] {
  return flow.flatMap((node, i) => {
    const at = `${path}.${i}`;
    if (node.type === 'approver') return [{ path: `${at}.approvers`, spec: node.approvers }];
    if (node.type === 'cc') return [{ path: `${at}.recipients`, spec: node.recipients }];
    return node.branches.flatMap((b, j) => specsOf(b.nodes, `${at}.branches.${j}.nodes`));
  });
}
