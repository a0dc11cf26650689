import { describe, expect, it } from 'vitest';
import type { MemberSnapshot } from '../directory';
import { planImport, type DirectorySnapshot } from './plan';
import type { SheetRow } from './read-file';
import { rowToInput } from './row-input';
import type { ColumnKey } from './template';

let rowNumber = 1;
const row = (cells: Partial<Record<ColumnKey, string>>): SheetRow => ({ rowNumber: ++rowNumber, cells: { name: '某人', departments: '1', ...cells }, raw: [] });

describe('row rules', () => {
  const cases: [string, Partial<Record<ColumnKey, string>>, { column: ColumnKey; reason: RegExp } | null][] = [
    ['a plain row', { userid: 'zhangsan', mobile: '13800000000' }, null],
    ['an international mobile', { userid: 'hk', mobile: '+852 91234567' }, null],
    ['a bad mobile', { userid: 'a', mobile: '12345' }, { column: 'mobile', reason: /mainland mobile/ }],
    ['a bad email', { userid: 'a', email: 'x@' }, { column: 'email', reason: /email/ }],
    ['a userid with a space', { userid: 'zhang san' }, { column: 'userid', reason: /letters, digits/ }],
    ['no userid', { userid: '' }, { column: 'userid', reason: /required/ }],
    ['a blank name', { userid: 'a', name: '' }, { column: 'name', reason: /required/ }],
    ['gender 女', { userid: 'a', gender: '女' }, null],
    ['gender male', { userid: 'a', gender: 'male' }, null],
    ['an unknown gender', { userid: 'a', gender: '保密' }, { column: 'gender', reason: /男, 女/ }],
    ['禁用 是', { userid: 'a', disabled: '是' }, null],
    ['禁用 maybe', { userid: 'a', disabled: 'maybe' }, { column: 'disabled', reason: /是 or 否/ }],
    ['departments by path and id', { userid: 'a', departments: '总部/研发部；2' }, null],
    ['an empty path segment', { userid: 'a', departments: '总部//研发部' }, { column: 'departments', reason: /paths/ }],
    ['leaders aligned', { userid: 'a', departments: '1;2', isLeader: '是;否' }, null],
    ['leaders misaligned', { userid: 'a', departments: '1;2;3', isLeader: '是;否' }, { column: 'isLeader', reason: /one per department \(3\)/ }],
    ['order not a number', { userid: 'a', order: 'first' }, { column: 'order', reason: /one value/ }],
    ['a control character in the name', { userid: 'a', name: 'a\u0007b' }, { column: 'name', reason: /control/ }],
    ['a telephone with letters', { userid: 'a', telephone: '010-CALL-ME' }, { column: 'telephone', reason: /digits/ }],
  ];
  for (const [what, cells, expected] of cases) {
    it(what, () => {
      const { input, errors } = rowToInput(row(cells));
      if (expected === null) {
        expect(errors).toEqual([]);
        expect(input).not.toBeNull();
      } else {
        expect(input).toBeNull();
        expect(errors[0]).toMatchObject({ column: expected.column });
        expect(errors[0]!.reason).toMatch(expected.reason);
      }
    });
  }

  it('reads leader flags and orders per department, one value applying to all', () => {
    expect(rowToInput(row({ userid: 'a', departments: '1;2', isLeader: '是', order: '5;6' })).input?.departments).toEqual([
      { ref: { kind: 'id', id: 1, text: '1' }, isLeader: true, order: 5 },
      { ref: { kind: 'id', id: 2, text: '2' }, isLeader: true, order: 6 },
    ]);
  });
});

const member = (userid: string, fields: Partial<MemberSnapshot> = {}): MemberSnapshot => ({
  id: `id-${userid}`,
  userid,
  name: userid,
  alias: '',
  mobile: null,
  email: null,
  position: '',
  gender: '0',
  telephone: '',
  address: '',
  status: 1,
  activatedAt: new Date(),
  mainDepartment: 1,
  departments: [{ id: 1, order: 0, isLeader: false }],
  ...fields,
});

const snapshot = (members: MemberSnapshot[]): DirectorySnapshot => ({
  members,
  departments: [
    { id: 1, parentId: null, name: '总部' },
    { id: 2, parentId: 1, name: '研发部' },
  ],
  rootId: 1,
  superAdminIds: new Set(['id-admin']),
  scope: null,
});

describe('planning an import', () => {
  it('counts created, updated, moved and unchanged members, and plans missing departments by path', async () => {
    const plan = await planImport(
      [
        row({ userid: 'new1', mobile: '13900000001', departments: '总部/研发部/前端组' }),
        row({ userid: 'same', name: 'same' }),
        row({ userid: 'renamed', name: '新名字' }),
        row({ userid: 'mover', name: 'mover', departments: '研发部' }),
      ],
      snapshot([member('same'), member('renamed'), member('mover')]),
      { mode: 'sync', createDepartments: true },
    );
    expect(plan.counts).toMatchObject({ created: 1, updated: 1, moved: 1, unchanged: 1, departmentsCreated: 1, rowsInError: 0 });
    expect(plan.newDepartments).toEqual([{ id: 3, parentId: 2, name: '前端组', path: '总部/研发部/前端组' }]);
  });

  it('refuses a missing department unless allowed, and a mobile another member holds', async () => {
    const plan = await planImport(
      [row({ userid: 'x', mobile: '13900000002', departments: '总部/新部门' }), row({ userid: 'y', mobile: '13900000009' })],
      snapshot([member('holder', { mobile: '13900000009' })]),
      { mode: 'sync', createDepartments: false },
    );
    expect(plan.errors.map((e) => e.code)).toEqual(['imports.department_not_found', 'directory.mobile_taken']);
    expect(plan.newDepartments).toEqual([]);
  });

  it('lets two members swap mobiles in one file', async () => {
    const plan = await planImport(
      [row({ userid: 'a', name: 'a', mobile: '13900000002' }), row({ userid: 'b', name: 'b', mobile: '13900000001' })],
      snapshot([member('a', { mobile: '13900000001' }), member('b', { mobile: '13900000002' })]),
      { mode: 'sync', createDepartments: false },
    );
    expect(plan.errors).toEqual([]);
    expect(plan.counts.updated).toBe(2);
  });

  it('in full replace, disables members the file leaves out (never a super admin, never one already left) and reports the share', async () => {
    const plan = await planImport([row({ userid: 'keep', name: 'keep' })], snapshot([member('keep'), member('gone'), member('admin'), member('left', { status: 5 }), member('off', { status: 2 })]), {
      mode: 'replace',
      createDepartments: false,
    });
    expect(plan.disables.map((m) => m.userid)).toEqual(['gone']);
    expect(plan.disableShare).toBeCloseTo(1 / 4);
  });

  it('brings back a member who left, and keeps a bad row\'s member from being disabled by a replace', async () => {
    const plan = await planImport([row({ userid: 'left', mobile: '13900000003' }), row({ userid: 'broken', mobile: 'bad' })], snapshot([member('left', { status: 5 }), member('broken')]), {
      mode: 'replace',
      createDepartments: false,
    });
    expect(plan.members[0]).toMatchObject({ kind: 'rehire', target: { status: 4 } });
    expect(plan.disables).toEqual([]);
  });

  it('keeps current values where a cell is empty, as WeCom\'s sync does', async () => {
    const plan = await planImport([row({ userid: 'kept', position: '', mobile: '' })], snapshot([member('kept', { name: '某人', position: '经理', mobile: '13900000004' })]), { mode: 'sync', createDepartments: false });
    expect(plan.members[0]).toMatchObject({ kind: 'unchanged', target: { position: '经理', mobile: '13900000004' } });
  });
});
