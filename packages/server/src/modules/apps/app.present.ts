import type { App } from '@orgdesk/contracts';
import type { AppRow } from './apps.table';

/** An app as the API shows it; `userids` are the visible members' current userids. */
export function presentApp(row: AppRow, userids: string[]): App {
  return {
    id: row.id,
    kind: row.kind,
    agentId: row.agent_id,
    name: row.name,
    description: row.description,
    homeUrl: row.home_url,
    visibleRange: { all: row.visible_all, userids, departmentIds: row.visible_departments, tagIds: row.visible_tags },
    trustedDomains: row.trusted_domains,
    trustedIps: row.trusted_ips,
    callback: row.callback_url && row.callback_verified_at ? { url: row.callback_url, verifiedAt: row.callback_verified_at.toISOString() } : null,
    enabled: row.enabled,
    apiWrite: row.api_write,
    secretHint: row.secret_hint,
    // Versioned by its change time, so browsers and clients may cache it.
    logoUrl: row.logo_updated_at ? `/api/v1/apps/${row.id}/logo?v=${row.logo_updated_at.getTime()}` : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
