import type { FieldError } from '@orgdesk/contracts';
import { Alert } from 'antd';
import { createContext, useContext } from 'react';

/** The server's field errors of the last save, for each part of the editor to show the ones at its path. */
export const EditorErrors = createContext<FieldError[]>([]);

/**
 * Errors at `path` or below it, except below the sub-paths in `exclude` (those belong to nested parts that show
 * their own, e.g. a branch's nodes).
 */
export function errorsAt(errors: FieldError[], path: string, exclude: string[] = []): FieldError[] {
  return errors.filter((e) => e.path === path || (e.path.startsWith(`${path}.`) && !exclude.some((x) => e.path.startsWith(`${path}.${x}.`) || e.path === `${path}.${x}`)));
}

/** The errors of one part of the editor, next to it; each names the field below the part it concerns. */
export function FieldErrors({ path, exclude = [] }: { path: string; exclude?: string[] }) {
  const errors = errorsAt(useContext(EditorErrors), path, exclude);
  if (!errors.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={`errors-${path}`}
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {errors.map((e) => {
            const below = e.path.slice(path.length + 1);
            return <li key={`${e.path}:${e.reason}`}>{below ? `${below}: ${e.reason}` : e.reason}</li>;
          })}
        </ul>
      }
    />
  );
}
