import { theme, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Submissions per day as a bar chart: one bar a day of the period, empty days included, its count on hover. */
export function DayBars({ from, to, perDay }: { from: string; to: string; perDay: { day: string; submitted: number }[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const counts = new Map(perDay.map((d) => [d.day, d.submitted]));
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  const max = Math.max(1, ...days.map((d) => counts.get(d) ?? 0));
  const width = 100 / Math.max(days.length, 1);
  return (
    <div style={{ display: 'flex', alignItems: 'flex-end', height: 140, gap: 1, borderBottom: `1px solid ${token.colorBorder}` }} data-testid="stats-per-day">
      {days.map((day) => {
        const count = counts.get(day) ?? 0;
        return (
          <Tooltip key={day} title={t('approvals.stats.dayTooltip', { day, count })}>
            <div style={{ width: `${width}%`, height: `${(count / max) * 100}%`, minHeight: count ? 2 : 0, background: token.colorPrimary, borderRadius: 2 }} data-testid="stats-day-bar" data-day={day} data-count={count} />
          </Tooltip>
        );
      })}
    </div>
  );
}
