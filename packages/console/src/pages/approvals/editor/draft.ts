import type { ApproverSpec, CellControl, ConditionClause, Control, ControlType, FlowNode, TemplateInput, TimeLimit } from '@orgdesk/contracts';

// The template editor's draft: plain objects in the API's shape, changed immutably and sent as they are.

let sequence = 0;
/** A suffix unique in this page's life: time and a counter, letters and digits only (what control ids allow). */
function suffix(): string {
  sequence += 1;
  return `${Date.now().toString(36)}${sequence.toString(36)}`;
}

/** A control id as WeCom writes them: the type, a dash, then letters and digits. */
export const newControlId = (type: ControlType) => `${type}-${suffix()}`;
/** A node id: its type and the unique suffix (node ids allow letters, digits, _ and -). */
export const newNodeId = (kind: FlowNode['type']) => `${kind}_${suffix()}`;

/** A new control of a type, with what each type needs to be valid (an option, a column). */
export function newControl(type: ControlType, title: string, firstOption: string): Control {
  const base = { id: newControlId(type), title, placeholder: '', required: false };
  switch (type) {
    case 'Date':
      return { ...base, type, withTime: false };
    case 'DateRange':
      return { ...base, type, unit: 'halfday' };
    case 'Selector':
      return { ...base, type, multi: false, options: [{ key: `o${suffix()}`, text: firstOption }] };
    case 'Contact':
    case 'Department':
      return { ...base, type, multi: false };
    case 'Table':
      return { ...base, type, columns: [{ id: newControlId('Text'), type: 'Text', title, placeholder: '', required: false }] };
    default:
      return { ...base, type };
  }
}

/** A column: any control but a table (tables do not nest). */
export const newColumn = (type: Exclude<ControlType, 'Table'>, title: string, firstOption: string) => newControl(type, title, firstOption) as CellControl;

/** A spec of a kind with empty values; the admin fills them in (the server says what is missing). */
export const newSpec = (kind: ApproverSpec['kind']): ApproverSpec => {
  switch (kind) {
    case 'members':
      return { kind, userids: [] };
    case 'role':
      return { kind, roleId: '' };
    case 'tag':
      return { kind, tagId: 0 };
    case 'leader':
    case 'leaders_up_to':
      return { kind, level: 1 };
    default:
      return { kind: 'applicant_choice' };
  }
};

/** The time limit a node starts with when it is switched on: a working day, then a reminder. */
export const newTimeLimit = (): TimeLimit => ({ hours: 8, onTimeout: 'remind' });

/** New nodes: names come from the caller (the UI language). */
export function newNode(type: FlowNode['type'], names: { approver: string; cc: string; branch: string; otherwise: string }): FlowNode {
  if (type === 'approver') return { type, id: newNodeId(type), name: names.approver, approvers: { kind: 'leader', level: 1 }, mode: 'any' };
  if (type === 'cc') return { type, id: newNodeId(type), name: names.cc, recipients: { kind: 'members', userids: [] }, when: 'submit' };
  return {
    type,
    id: newNodeId(type),
    branches: [
      { name: `${names.branch} 1`, when: [], nodes: [] },
      { name: names.otherwise, when: null, nodes: [] },
    ],
  };
}

/** A new template: one text field and the applicant's leader as approver. */
export function emptyTemplate(names: { title: string; approver: string }): TemplateInput {
  return {
    name: '',
    description: '',
    controls: [{ id: newControlId('Textarea'), type: 'Textarea', title: names.title, placeholder: '', required: true }],
    flow: [{ type: 'approver', id: newNodeId('approver'), name: names.approver, approvers: { kind: 'leader', level: 1 }, mode: 'any' }],
    settings: { selfApproval: 'skip', dedupeApprovers: true },
    rangeDepartments: [],
    enabled: true,
  };
}

/** The list with item `index` moved by `by` (−1 up, +1 down); unchanged at the ends. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The list with item `index` replaced. */
export const replaced = <T>(list: readonly T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));
/** The list without item `index`. */
export const removed = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** What a branch condition can test, from the form's controls. */
export interface ConditionField {
  field: string;
  label: string;
  kind: 'number' | 'options' | 'department';
  options?: { key: string; text: string }[];
}

/** The fields a branch condition may test: numbers and amounts (a table's column by its sum), date ranges in days, choices, the applicant's department. */
export function conditionFields(controls: readonly Control[], labels: { sumOf: (table: string, column: string) => string; daysOf: (title: string) => string; department: string }): ConditionField[] {
  const fields: ConditionField[] = [];
  for (const control of controls) {
    if (control.type === 'Number' || control.type === 'Money') fields.push({ field: control.id, label: control.title, kind: 'number' });
    if (control.type === 'DateRange') fields.push({ field: control.id, label: labels.daysOf(control.title), kind: 'number' });
    if (control.type === 'Selector') fields.push({ field: control.id, label: control.title, kind: 'options', options: control.options });
    if (control.type === 'Table') {
      for (const column of control.columns) {
        if (column.type === 'Money' || column.type === 'Number') fields.push({ field: `${control.id}.${column.id}`, label: labels.sumOf(control.title, column.title), kind: 'number' });
      }
    }
  }
  fields.push({ field: 'applicant.department', label: labels.department, kind: 'department' });
  return fields;
}

/** A clause to start from for a field of a kind. */
export function newClause(field: ConditionField): ConditionClause {
  if (field.kind === 'department') return { field: 'applicant.department', op: 'under', value: [] };
  if (field.kind === 'options') return { field: field.field, op: 'in', value: [] };
  return { field: field.field, op: 'gt', value: 0 };
}
