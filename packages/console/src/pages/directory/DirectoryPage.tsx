import { Col, Row } from 'antd';
import { useState } from 'react';
import type { Member } from '../../api/types';
import { DepartmentPanel } from './DepartmentPanel';
import { MemberDrawer } from './MemberDrawer';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberPanel } from './MemberPanel';
import { useDepartment, useRootDepartment } from './useDepartments';

/** 通讯录: the department tree on the left, the selected department's members on the right. */
export default function DirectoryPage() {
  const root = useRootDepartment();
  const [selectedId, setSelectedId] = useState<number>();
  const departmentId = selectedId ?? root.data?.id;
  const department = useDepartment(departmentId).data;
  // What the drawers show stays put while they close, so their content does not change mid-animation.
  const [opened, setOpened] = useState<{ userid: string; row?: Member; open: boolean } | null>(null);
  const [editing, setEditing] = useState<{ member?: Member; open: boolean }>({ open: false });

  return (
    <Row gutter={16} wrap={false} style={{ alignItems: 'stretch' }}>
      <Col flex="280px" style={{ minWidth: 0 }}>
        <DepartmentPanel
          selected={department}
          onSelect={(next) => setSelectedId(next.id)}
          onDeleted={(parentId) => setSelectedId(parentId ?? undefined)}
        />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <MemberPanel department={department} onOpen={(row) => setOpened({ userid: row.userid, row, open: true })} onAdd={() => setEditing({ open: true })} />
      </Col>
      <MemberDrawer
        open={opened?.open ?? false}
        userid={opened?.userid ?? null}
        initial={opened?.row}
        onClose={() => setOpened(opened && { ...opened, open: false })}
        onEdit={(member) => setEditing({ member, open: true })}
      />
      <MemberFormDrawer
        open={editing.open}
        member={editing.member}
        // A new member starts in the selected department (the root is rarely meant).
        departmentId={department?.parentId === null ? undefined : departmentId}
        onClose={() => setEditing({ ...editing, open: false })}
        // A renamed (not yet activated) member keeps their drawer open under the new userid.
        onSaved={(saved) => opened?.open && setOpened({ userid: saved.userid, row: saved, open: true })}
      />
    </Row>
  );
}
