import type { App } from '@orgdesk/contracts';
import { Avatar } from 'antd';

/** The app's logo, or its name's first character on a coloured square when it has none (or the image fails). */
export function AppLogo({ app, size, testId }: { app: Pick<App, 'name' | 'logoUrl'>; size: number; testId?: string }) {
  const initial = Array.from(app.name.trim())[0] ?? '?';
  return (
    <Avatar
      shape="square"
      size={size}
      src={app.logoUrl ?? undefined}
      alt={app.name}
      style={{ flex: 'none', backgroundColor: app.logoUrl ? 'transparent' : '#1677ff', fontSize: Math.round(size * 0.45) }}
      data-testid={testId}
      data-has-logo={String(app.logoUrl !== null)}
    >
      {initial}
    </Avatar>
  );
}
