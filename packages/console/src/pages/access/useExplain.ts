import type { ExplainResult, Permission, explainTargetTypes } from '@orgdesk/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';

/** What an explain question is about. */
export type ExplainTargetType = (typeof explainTargetTypes)[number];

/** An explain question as sent; `target` is a userid or an id, empty for the corp. */
export interface ExplainQuestion {
  admin: string;
  permission: Permission;
  targetType: ExplainTargetType;
  target: string;
}

/** A question with the target's name, for the answer to say what was asked about. */
export type NamedQuestion = ExplainQuestion & { targetName: string };

/** A question the admin asks on purpose, so it runs as a mutation rather than on every form change. */
export function useExplain() {
  return useMutation({
    mutationFn: (question: NamedQuestion) =>
      api.get<ExplainResult>('/access/explain', { admin: question.admin, permission: question.permission, targetType: question.targetType, target: question.target }),
  });
}
