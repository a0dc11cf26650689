import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { departmentNameSchema } from '@orgdesk/contracts';
import type { DepartmentLinks, MemberFields, MemberSnapshot } from '../directory';
import type { SheetRow } from './read-file';
import { rowToInput, type DepartmentRef, type MemberRowInput, type RowError } from './row-input';

/** How an import treats the directory: add and update (WeCom syncuser), or also disable whoever is missing (replaceuser). */
export type ImportMode = 'sync' | 'replace';

export interface PlanOptions {
  mode: ImportMode;
  createDepartments: boolean;
}

/** The directory as an import starts from. */
export interface DirectorySnapshot {
  members: MemberSnapshot[];
  departments: { id: number; parentId: number | null; name: string }[];
  rootId: number;
  superAdminIds: ReadonlySet<string>;
  /** What the importing admin may touch; null for the whole corp. */
  scope: { departments: ReadonlySet<number>; members: ReadonlySet<string> } | null;
}

/** A member's fields after the import. */
export interface MemberTarget extends MemberFields {
  departments: DepartmentLinks;
}

/** What one valid row does. */
export interface PlannedMember {
  row: number;
  kind: 'create' | 'rehire' | 'update' | 'move' | 'unchanged';
  existing: MemberSnapshot | null;
  target: MemberTarget;
  departmentsChanged: boolean;
}

export interface ImportPlan {
  members: PlannedMember[];
  newDepartments: { id: number; parentId: number; name: string; path: string }[];
  /** Members a full replace disables because the file does not list them. */
  disables: MemberSnapshot[];
  errors: RowError[];
  counts: { rows: number; created: number; updated: number; moved: number; disabled: number; unchanged: number; departmentsCreated: number; rowsInError: number };
  /** Share of the current (not left) members the import would disable. */
  disableShare: number;
}

const ACTIVE = 1;
const DISABLED = 2;
const NOT_ACTIVATED = 4;
const LEFT = 5;

/** Rows validated or planned between yields to the event loop: about 50 ms of work, so the server keeps answering. */
const ROWS_PER_SLICE = 5000;

/** Works out, without writing anything, exactly what importing these rows would change. */
export async function planImport(rows: SheetRow[], snapshot: DirectorySnapshot, options: PlanOptions): Promise<ImportPlan> {
  const errors: RowError[] = [];
  const inputs: MemberRowInput[] = [];
  const listed = new Set<string>();
  const repeated = repeatsInFile(rows, errors);
  for (const [i, row] of rows.entries()) {
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
    const { input, errors: rowErrors } = rowToInput(row);
    if (row.cells.userid) listed.add(row.cells.userid.toLowerCase());
    errors.push(...rowErrors);
    if (input && !repeated.has(row.rowNumber)) inputs.push(input);
  }
  const byUserid = new Map(snapshot.members.map((m) => [m.userid.toLowerCase(), m]));
  const departments = new DepartmentResolver(snapshot, options.createDepartments);
  const unique = inputs;
  const contactOwner = contactOwners(snapshot.members, unique);

  const planned: PlannedMember[] = [];
  for (const [i, input] of unique.entries()) {
    if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToEventLoop();
    const rowErrors: RowError[] = [];
    const fail = (column: RowError['column'], value: string, code: string, reason: string) => rowErrors.push({ row: input.row, column, value, code, reason });
    const key = input.userid.toLowerCase();
    const existing = byUserid.get(key) ?? null;
    const current = existing && existing.status !== LEFT ? existing : null;
    for (const field of ['mobile', 'email'] as const) {
      const value = input[field];
      const owner = value ? contactOwner[field].get(field === 'email' ? value.toLowerCase() : value) : undefined;
      if (value && owner && owner !== key) fail(field, value, `directory.${field}_taken`, `belongs to member ${owner}`);
    }
    if (!current && !input.mobile && !input.email) fail('mobile', '', 'imports.invalid_value', 'a mobile or an email is required');
    if (!current && !input.name) fail('name', '', 'imports.invalid_value', 'is required');
    if (input.disabled && current && snapshot.superAdminIds.has(current.id)) fail('disabled', '是', 'imports.super_admin_protected', 'a super admin cannot be disabled by an import');
    if (existing && snapshot.scope && !snapshot.scope.members.has(existing.id)) fail('userid', input.userid, 'imports.out_of_scope', 'belongs to a member outside your scope');
    // Departments last, so a row that fails anyway plans no new department.
    const resolved = rowErrors.length ? undefined : input.departments?.map((d) => ({ id: departments.resolve(d.ref, (reason) => fail('departments', d.ref.text, 'imports.department_not_found', reason)), order: d.order, isLeader: d.isLeader }));
    // As in the console: departments added or removed must be inside the admin's scope (both sides of a move).
    if (!rowErrors.length && resolved && snapshot.scope) {
      const was = new Set(current?.departments.map((d) => d.id) ?? []);
      const now = new Set(resolved.flatMap((d) => (d.id === null ? [] : [d.id])));
      const touched = [...[...now].filter((id) => !was.has(id)), ...[...was].filter((id) => !now.has(id))];
      const outside = touched.filter((id) => !snapshot.scope!.departments.has(id) && !departments.isNew(id));
      if (outside.length) fail('departments', input.departments!.map((d) => d.ref.text).join(';'), 'imports.out_of_scope', `outside your scope: ${outside.join(', ')}`);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    planned.push(planMember(input, current, existing, resolved as MemberTarget['departments'] | undefined));
  }
  errors.sort((a, b) => a.row - b.row);

  // A full replace disables only the members the admin may touch, and measures the share against them.
  const reachable = snapshot.scope ? snapshot.members.filter((m) => snapshot.scope!.members.has(m.id)) : snapshot.members;
  const disables =
    options.mode === 'replace'
      ? reachable.filter((m) => m.status !== LEFT && m.status !== DISABLED && !listed.has(m.userid.toLowerCase()) && !snapshot.superAdminIds.has(m.id))
      : [];
  const currentCount = reachable.filter((m) => m.status !== LEFT).length;
  const disabledByRows = planned.filter((p) => p.existing && p.existing.status !== DISABLED && p.existing.status !== LEFT && p.target.status === DISABLED).length;
  const count = (kind: PlannedMember['kind']) => planned.filter((p) => p.kind === kind).length;
  return {
    members: planned,
    newDepartments: departments.created,
    disables,
    errors,
    counts: {
      rows: rows.length,
      created: count('create') + count('rehire'),
      updated: count('update'),
      moved: count('move'),
      disabled: disables.length + disabledByRows,
      unchanged: count('unchanged'),
      departmentsCreated: departments.created.length,
      rowsInError: new Set(errors.map((e) => e.row)).size,
    },
    disableShare: currentCount === 0 ? 0 : (disables.length + disabledByRows) / currentCount,
  };
}

function planMember(input: MemberRowInput, current: MemberSnapshot | null, existing: MemberSnapshot | null, departments: MemberTarget['departments'] | undefined): PlannedMember {
  const base = current ?? { name: '', alias: '', mobile: null, email: null, position: '', gender: '0', telephone: '', address: '', departments: [], mainDepartment: 0, status: NOT_ACTIVATED, activatedAt: null };
  const list = departments ?? base.departments;
  const reopened = current ? (current.activatedAt ? ACTIVE : NOT_ACTIVATED) : NOT_ACTIVATED;
  const status = input.disabled === true ? DISABLED : input.disabled === false && base.status === DISABLED ? reopened : current ? current.status : NOT_ACTIVATED;
  const target: MemberTarget = {
    userid: current?.userid ?? input.userid,
    name: input.name || base.name,
    alias: input.alias || base.alias,
    mobile: input.mobile || base.mobile,
    email: input.email || base.email,
    position: input.position || base.position,
    gender: input.gender ?? base.gender,
    telephone: input.telephone || base.telephone,
    address: input.address || base.address,
    status,
    mainDepartment: list.some((d) => d.id === base.mainDepartment) ? base.mainDepartment : list[0]!.id,
    departments: [...list].sort((a, b) => a.id - b.id),
  };
  if (!current) return { row: input.row, kind: existing ? 'rehire' : 'create', existing, target, departmentsChanged: true };
  const departmentsChanged = JSON.stringify(target.departments) !== JSON.stringify([...current.departments].sort((a, b) => a.id - b.id));
  const fieldsChanged = (['name', 'alias', 'mobile', 'email', 'position', 'gender', 'telephone', 'address', 'status', 'mainDepartment'] as const).some((k) => target[k] !== current[k]);
  const kind = departmentsChanged ? 'move' : fieldsChanged ? 'update' : 'unchanged';
  return { row: input.row, kind, existing: current, target, departmentsChanged };
}

/**
 * Rows that repeat an earlier row's userid, mobile or email (whatever else is wrong with either): an error naming
 * the first, and the repeat is not imported.
 */
function repeatsInFile(rows: SheetRow[], errors: RowError[]): Set<number> {
  const seen = { userid: new Map<string, number>(), mobile: new Map<string, number>(), email: new Map<string, number>() };
  const repeated = new Set<number>();
  for (const row of rows) {
    for (const field of ['userid', 'mobile', 'email'] as const) {
      const text = row.cells[field];
      if (!text) continue;
      const key = field === 'mobile' ? text : text.toLowerCase();
      const first = seen[field].get(key);
      if (first === undefined) seen[field].set(key, row.rowNumber);
      else {
        errors.push({ row: row.rowNumber, column: field, value: text, code: 'imports.duplicate_in_file', reason: `same ${field} as row ${first}` });
        repeated.add(row.rowNumber);
      }
    }
  }
  return repeated;
}

/** Who will hold each mobile and email after the import: the file's rows win over the directory for their own member. */
function contactOwners(members: MemberSnapshot[], inputs: MemberRowInput[]) {
  const owners = { mobile: new Map<string, string>(), email: new Map<string, string>() };
  const rewritten = new Map(inputs.map((i) => [i.userid.toLowerCase(), i]));
  for (const m of members) {
    if (m.status === LEFT) continue;
    const key = m.userid.toLowerCase();
    const next = rewritten.get(key);
    const mobile = next?.mobile ?? m.mobile;
    const email = next?.email ?? m.email;
    if (mobile) owners.mobile.set(mobile, key);
    if (email) owners.email.set(email.toLowerCase(), key);
  }
  for (const input of inputs) {
    const key = input.userid.toLowerCase();
    if (input.mobile && !owners.mobile.has(input.mobile)) owners.mobile.set(input.mobile, key);
    if (input.email && !owners.email.has(input.email.toLowerCase())) owners.email.set(input.email.toLowerCase(), key);
  }
  return owners;
}

/** Resolves department ids and paths, planning the missing departments of a path when allowed. */
class DepartmentResolver {
  readonly created: ImportPlan['newDepartments'] = [];
  private readonly ids = new Set<number>();
  private readonly children = new Map<number, Map<string, number>>();
  private nextId: number;
  private readonly firstNewId: number;
  private readonly root: { id: number; name: string };

  private readonly scope: ReadonlySet<number> | null;

  constructor(snapshot: DirectorySnapshot, private readonly allowCreate: boolean) {
    this.scope = snapshot.scope?.departments ?? null;
    for (const d of snapshot.departments) {
      this.ids.add(d.id);
      if (d.parentId !== null) this.child(d.parentId).set(d.name.toLowerCase(), d.id);
    }
    const root = snapshot.departments.find((d) => d.id === snapshot.rootId);
    this.root = { id: snapshot.rootId, name: root?.name ?? '' };
    this.nextId = Math.max(0, ...this.ids) + 1;
    this.firstNewId = this.nextId;
  }

  resolve(ref: DepartmentRef, fail: (reason: string) => void): number | null {
    if (ref.kind === 'id') {
      if (this.ids.has(ref.id)) return ref.id;
      fail(`no department with id ${ref.id}`);
      return null;
    }
    const segments = ref.segments[0]!.toLowerCase() === this.root.name.toLowerCase() ? ref.segments.slice(1) : ref.segments;
    let at = this.root.id;
    for (const [i, name] of segments.entries()) {
      const found = this.child(at).get(name.toLowerCase());
      if (found !== undefined) {
        at = found;
        continue;
      }
      if (!this.allowCreate) {
        fail(`no department ${ref.text}; allow creating missing departments to add it`);
        return null;
      }
      if (this.scope && !this.scope.has(at) && !this.isNew(at)) {
        fail(`outside your scope: ${ref.text}`);
        return null;
      }
      const valid = departmentNameSchema.safeParse(name);
      if (!valid.success) {
        fail(`department name "${name}" ${valid.error.issues[0]?.message ?? 'is invalid'}`);
        return null;
      }
      const id = this.nextId++;
      this.created.push({ id, parentId: at, name: valid.data, path: [this.root.name, ...segments.slice(0, i + 1)].join('/') });
      this.ids.add(id);
      this.child(at).set(name.toLowerCase(), id);
      at = id;
    }
    return at;
  }

  /** Whether the id is a department this plan creates (inside the scope, as its parent is). */
  isNew(id: number): boolean {
    return id >= this.firstNewId;
  }

  private child(parentId: number): Map<string, number> {
    let map = this.children.get(parentId);
    if (!map) this.children.set(parentId, (map = new Map()));
    return map;
  }
}
