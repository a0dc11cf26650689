import type { App, AppCallbackRequest, AppCreateRequest, AppSecretResponse, AppUpdateRequest, CallbackDelivery, VisibleRange } from '@orgdesk/contracts';
import type { Updateable } from 'kysely';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { SecretBox } from '../../platform/kernel/crypto';
import type { ActorContext } from '../../platform/kernel/context';
import type { AuditLog } from '../audit';
import { departmentsOutside } from '../directory';
import { presentApp } from './app.present';
import * as repo from './apps.repository';
import type { AppRow, AppsTable } from './apps.table';
import { newAppSecret, secretMac } from './credentials';
import { logoType, MAX_LOGO_BYTES } from './logo';
import { normalizeTrustedIp } from './trusted-ips';

/** WeCom's limit of apps per corp. */
const MAX_APPS = 300;

/** 应用管理 for admins: custom apps and the directory-sync app, their settings and secrets. */
export class AppService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly key: Buffer,
    private readonly box: SecretBox,
  ) {}

  async list(db: Executor, corpId: string): Promise<App[]> {
    const rows = await repo.listApps(db, corpId);
    const userids = await repo.useridsByMemberIds(db, corpId, rows.flatMap((r) => r.visible_members));
    return rows.map((row) => presentApp(row, visibleUserids(row, userids)));
  }

  async get(db: Executor, corpId: string, id: string): Promise<App> {
    return this.present(db, await this.find(db, corpId, id));
  }

  /** Creates a custom app with the next AgentID; its secret is in the answer and nowhere else. */
  async create(trx: Trx, corpId: string, input: AppCreateRequest, ctx: ActorContext): Promise<AppSecretResponse> {
    const { agentId, count } = await repo.nextAgentId(trx, corpId);
    if (count >= MAX_APPS) throw new AppError('apps.limit_reached');
    const secret = newAppSecret();
    const now = this.clock.now();
    const row = await repo.insertApp(trx, {
      corp_id: corpId,
      kind: 'custom',
      agent_id: agentId,
      name: input.name,
      description: input.description,
      home_url: input.homeUrl,
      ...(await this.rangeColumns(trx, corpId, input.visibleRange)),
      ...this.secretColumns(secret),
      created_at: now,
      updated_at: now,
    });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.create', targetType: 'app', targetId: String(agentId), after: { name: row.name, visibleRange: input.visibleRange } });
    return { app: await this.present(trx, row), secret };
  }

  /**
   * The directory-sync app's secret: created with the app the first time, replaced after that (the old one stops
   * working). `apiWrite` sets "API接口同步" when given.
   */
  async contactsSyncSecret(trx: Trx, corpId: string, options: { apiWrite?: boolean }, ctx: ActorContext): Promise<AppSecretResponse> {
    const existing = await repo.findContactsSyncApp(trx, corpId);
    if (existing) {
      const response = await this.resetSecret(trx, corpId, existing.id, ctx);
      if (options.apiWrite === undefined || options.apiWrite === existing.api_write) return response;
      return { app: await this.update(trx, corpId, existing.id, { apiWrite: options.apiWrite }, ctx), secret: response.secret };
    }
    const secret = newAppSecret();
    const now = this.clock.now();
    const row = await repo.insertApp(trx, { corp_id: corpId, kind: 'contacts_sync', agent_id: null, name: '通讯录同步', visible_all: true, api_write: options.apiWrite ?? false, ...this.secretColumns(secret), created_at: now, updated_at: now });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.create', targetType: 'app', targetId: 'contacts_sync', after: { apiWrite: row.api_write } });
    return { app: await this.present(trx, row), secret };
  }

  async update(trx: Trx, corpId: string, id: string, patch: AppUpdateRequest, ctx: ActorContext): Promise<App> {
    const current = await this.find(trx, corpId, id);
    const sync = current.kind === 'contacts_sync';
    // The directory-sync app sees the whole directory and has no name, range or pages of its own.
    if (sync && (patch.name !== undefined || patch.description !== undefined || patch.visibleRange !== undefined || patch.homeUrl !== undefined || patch.trustedDomains !== undefined)) throw new AppError('apps.not_for_kind');
    if (!sync && patch.apiWrite !== undefined) throw new AppError('apps.not_for_kind');
    const set: Updateable<AppsTable> = { updated_at: this.clock.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.homeUrl !== undefined) set.home_url = patch.homeUrl;
    if (patch.visibleRange !== undefined) Object.assign(set, await this.rangeColumns(trx, corpId, patch.visibleRange));
    if (patch.trustedDomains !== undefined) set.trusted_domains = [...new Set(patch.trustedDomains)];
    if (patch.trustedIps !== undefined) set.trusted_ips = normalizeIps(patch.trustedIps);
    if (patch.enabled !== undefined) set.enabled = patch.enabled;
    if (patch.apiWrite !== undefined) set.api_write = patch.apiWrite;
    const row = await repo.updateApp(trx, id, set);
    await this.audit.record(trx, corpId, ctx, { action: 'apps.update', targetType: 'app', targetId: appTarget(row), before: changedFields(current, patch), after: patch });
    return this.present(trx, row);
  }

  /** A new secret; the old one, and every token issued under it, stop working at once. */
  async resetSecret(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<AppSecretResponse> {
    const current = await this.find(trx, corpId, id);
    const secret = newAppSecret();
    const row = await repo.updateApp(trx, id, { ...this.secretColumns(secret), secret_version: current.secret_version + 1, token_expires_at: null, updated_at: this.clock.now() });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.secret_reset', targetType: 'app', targetId: appTarget(row), after: { secretHint: row.secret_hint } });
    return { app: await this.present(trx, row), secret };
  }

  /** Sets the app's logo: a PNG or JPEG of at most 1 MB, recognised by its bytes. */
  async setLogo(trx: Trx, corpId: string, id: string, bytes: Buffer, ctx: ActorContext): Promise<App> {
    await this.find(trx, corpId, id);
    const type = logoType(bytes);
    if (!type) throw new AppError('apps.logo_invalid', { fields: [{ path: 'logo', reason: 'must be a PNG or JPEG image' }] });
    if (bytes.length > MAX_LOGO_BYTES) throw new AppError('apps.logo_invalid', { fields: [{ path: 'logo', reason: `larger than ${MAX_LOGO_BYTES} bytes` }] });
    await trx.insertInto('app_logos').values({ app_id: id, content_type: type, bytes }).onConflict((oc) => oc.column('app_id').doUpdateSet({ content_type: type, bytes })).execute();
    const row = await repo.updateApp(trx, id, { logo_updated_at: this.clock.now(), updated_at: this.clock.now() });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.logo_set', targetType: 'app', targetId: appTarget(row), after: { type, size: bytes.length } });
    return this.present(trx, row);
  }

  /** The logo's image, for serving; undefined when the app has none. */
  async logo(db: Executor, id: string): Promise<{ content_type: string; bytes: Buffer } | undefined> {
    return db.selectFrom('app_logos').select(['content_type', 'bytes']).where('app_id', '=', id).executeTakeFirst();
  }

  /** Saves a callback receiver the caller has already verified with WeCom's echostr handshake. */
  async setCallback(trx: Trx, corpId: string, id: string, input: AppCallbackRequest, ctx: ActorContext): Promise<App> {
    await this.find(trx, corpId, id);
    const now = this.clock.now();
    const row = await repo.updateApp(trx, id, { callback_url: input.url, callback_token_sealed: this.box.seal(input.token), callback_aes_key_sealed: this.box.seal(input.encodingAesKey), callback_verified_at: now, updated_at: now });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.callback_set', targetType: 'app', targetId: appTarget(row), after: { url: input.url } });
    return this.present(trx, row);
  }

  async clearCallback(trx: Trx, corpId: string, id: string, ctx: ActorContext): Promise<App> {
    const current = await this.find(trx, corpId, id);
    const row = await repo.updateApp(trx, id, { callback_url: null, callback_token_sealed: null, callback_aes_key_sealed: null, callback_verified_at: null, updated_at: this.clock.now() });
    await this.audit.record(trx, corpId, ctx, { action: 'apps.callback_clear', targetType: 'app', targetId: appTarget(row), before: { url: current.callback_url } });
    return this.present(trx, row);
  }

  /** The app's callback deliveries, newest first. */
  async deliveries(db: Executor, corpId: string, id: string, query: { page: number; pageSize: number; status?: CallbackDelivery['status'] }): Promise<{ items: CallbackDelivery[]; total: number }> {
    await this.find(db, corpId, id);
    let base = db.selectFrom('callback_deliveries').where('app_id', '=', id);
    if (query.status) base = base.where('status', '=', query.status);
    const rows = await base.selectAll().orderBy('seq', 'desc').offset((query.page - 1) * query.pageSize).limit(query.pageSize).execute();
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({ id: r.id, event: r.event, changeType: r.change_type, status: r.status, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null })),
      total: Number(total.n),
    };
  }

  private async find(db: Executor, corpId: string, id: string): Promise<AppRow> {
    const row = await repo.findApp(db, corpId, id);
    if (!row) throw new AppError('apps.not_found');
    return row;
  }

  private async present(db: Executor, row: AppRow): Promise<App> {
    return presentApp(row, visibleUserids(row, await repo.useridsByMemberIds(db, row.corp_id, row.visible_members)));
  }

  private secretColumns(secret: string) {
    return { secret_mac: secretMac(this.key, secret), secret_hint: secret.slice(-4) };
  }

  /** A visible range as stored: members by id, and only departments and tags that exist. */
  private async rangeColumns(db: Executor, corpId: string, range: VisibleRange) {
    const ids = await repo.memberIdsByUserid(db, corpId, range.userids);
    const unknownUsers = range.userids.filter((u) => !ids.has(u.toLowerCase()));
    const unknownDepartments = await departmentsOutside(db, corpId, 'all', range.departmentIds);
    const fields = [
      ...unknownUsers.map((u) => ({ path: 'visibleRange.userids', reason: `unknown: ${u}` })),
      ...unknownDepartments.map((d) => ({ path: 'visibleRange.departmentIds', reason: `unknown: ${d}` })),
    ];
    if (fields.length) throw new AppError('common.validation_failed', { fields });
    return { visible_all: range.all, visible_members: [...new Set(ids.values())], visible_departments: [...new Set(range.departmentIds)], visible_tags: [...new Set(range.tagIds)] };
  }
}

/** An app's visible members as userids, sorted; members no longer there drop out. */
function visibleUserids(row: AppRow, userids: ReadonlyMap<string, string>): string[] {
  return row.visible_members.flatMap((id) => userids.get(id) ?? []).sort();
}

function normalizeIps(values: string[]): string[] {
  const normalized = values.map((v) => ({ v, n: normalizeTrustedIp(v) }));
  const bad = normalized.filter((x) => x.n === null);
  if (bad.length) throw new AppError('apps.trusted_ip_invalid', { fields: bad.map((b) => ({ path: 'trustedIps', reason: `not an IP address or CIDR block: ${b.v}` })) });
  return [...new Set(normalized.map((x) => x.n!))];
}

function appTarget(row: AppRow): string {
  return row.agent_id === null ? 'contacts_sync' : String(row.agent_id);
}

function changedFields(row: AppRow, patch: AppUpdateRequest): Record<string, unknown> {
  const before: Record<string, unknown> = {};
  if (patch.name !== undefined) before.name = row.name;
  if (patch.description !== undefined) before.description = row.description;
  if (patch.homeUrl !== undefined) before.homeUrl = row.home_url;
  if (patch.trustedDomains !== undefined) before.trustedDomains = row.trusted_domains;
  if (patch.trustedIps !== undefined) before.trustedIps = row.trusted_ips;
  if (patch.enabled !== undefined) before.enabled = row.enabled;
  if (patch.apiWrite !== undefined) before.apiWrite = row.api_write;
  return before;
}
