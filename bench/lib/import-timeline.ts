// Where the time goes in bench/import.ts: a Kysely plugin timing each query, spans around ImportService's private
// read and snapshot, and the split of preview and apply into their steps from both.
import { performance } from 'node:perf_hooks';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Services } from '@orgdesk/server';

export interface QueryEvent {
  label: string;
  start: number;
  end: number;
}

/** A Kysely plugin that records each query's label (kind + table), start and end: the bench's view of where time goes. */
export class QueryTimeline implements KyselyPlugin {
  readonly events: QueryEvent[] = [];
  /** When set, every query's operation node is kept here too (to EXPLAIN exactly what a route ran). */
  captured: { label: string; node: RootOperationNode; queryId: QueryId }[] | null = null;
  private readonly pending = new WeakMap<object, { node: RootOperationNode; start: number }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.captured) this.captured.push({ label: queryLabel(args.node), node: args.node, queryId: args.queryId });
    this.pending.set(args.queryId, { node: args.node, start: performance.now() });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const pending = this.pending.get(args.queryId);
    if (pending) {
      this.events.push(new TimedQuery(pending.node, pending.start, performance.now()));
      this.pending.delete(args.queryId);
    }
    return args.result;
  }
  between(from: number, to: number): QueryEvent[] {
    return this.events.filter((e) => e.start >= from && e.end <= to).sort((a, b) => a.start - b.start);
  }
}

/** A timed query whose label is worked out when first read, not while the load runs (it costs CPU the load needs). */
class TimedQuery implements QueryEvent {
  private known: string | undefined;
  constructor(
    private readonly node: RootOperationNode,
    readonly start: number,
    readonly end: number,
  ) {}
  get label(): string {
    this.known ??= queryLabel(this.node);
    return this.known;
  }
}

function field(node: unknown, key: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
}
function tableOf(node: unknown): string {
  switch (field(node, 'kind')) {
    case 'TableNode':
      return String(field(field(field(node, 'table'), 'identifier'), 'name'));
    case 'AliasNode':
      return tableOf(field(node, 'node'));
    case 'FromNode':
      return tableOf((field(node, 'froms') as unknown[] | undefined)?.[0]);
    default:
      return '?';
  }
}
function queryLabel(node: RootOperationNode): string {
  switch (node.kind) {
    case 'SelectQueryNode': {
      const what = field(node, 'limit') ? ' (page)' : JSON.stringify(field(node, 'selections') ?? []).includes('count(') ? ' (count)' : '';
      return `select ${tableOf(field(node, 'from'))}${what}`;
    }
    case 'InsertQueryNode':
      return `insert ${tableOf(field(node, 'into'))}`;
    case 'UpdateQueryNode':
      return `update ${tableOf(field(node, 'table'))}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf(field(node, 'from'))}`;
    case 'RawNode': {
      const text = ((field(node, 'sqlFragments') as string[] | undefined) ?? []).join('?').replace(/\s+/g, ' ').trim().toLowerCase();
      const match = /^(insert into|update|delete from)\s+(\w+)/.exec(text) ?? /^(with recursive|select)\b/.exec(text);
      return `raw ${match ? match.slice(1).join(' ') : text.slice(0, 24)}`;
    }
    default:
      return node.kind;
  }
}

export interface Span {
  label: string;
  start: number;
  end: number;
}

/** ImportService's private read (parse) and snapshot, timed from outside by wrapping them on this instance only. */
export function wrapImportSpans(imports: Services['imports']): Span[] {
  const spans: Span[] = [];
  const target = imports as unknown as Record<'read' | 'snapshot', (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['read', 'snapshot'] as const) {
    const original = target[name].bind(imports);
    target[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        spans.push({ label: name, start, end: performance.now() });
      }
    };
  }
  return spans;
}

/** The moments the engine noted around preview and apply (performance.now()). */
export interface ImportWindows {
  previewFrom: number;
  previewTo: number;
  applyFrom: number;
  applyTo: number;
  /** When apply reported its first progress (done = 0): the plan is ready and the writes start. */
  planDoneAt: number;
}

/** Splits preview and apply into their steps (from the spans and the query timeline), and the writes by statement. */
export function splitImportTime(spans: Span[], timeline: QueryTimeline, { previewFrom, previewTo, applyFrom, applyTo, planDoneAt }: ImportWindows) {
  const spanIn = (label: string, from: number, to: number) => spans.find((s) => s.label === label && s.start >= from && s.end <= to);
  const previewRead = spanIn('read', previewFrom, previewTo)!;
  const previewSnap = spanIn('snapshot', previewFrom, previewTo)!;
  const jobInsert = timeline.between(previewSnap.end, previewTo).find((e) => e.label === 'insert import_jobs')!;
  const previewSplit = {
    parseMs: previewRead.end - previewRead.start,
    snapshotMs: previewSnap.end - previewSnap.start,
    planMs: jobInsert.start - previewSnap.end,
    storeJobMs: jobInsert.end - jobInsert.start,
    otherMs: previewTo - previewFrom - (previewRead.end - previewRead.start) - (previewSnap.end - previewSnap.start) - (jobInsert.end - previewSnap.end),
  };
  const applyRead = spanIn('read', applyFrom, applyTo)!;
  const applySnap = spanIn('snapshot', applyFrom, applyTo)!;
  const applyEvents = timeline.between(applyFrom, applyTo);
  const auditStartEvent = applyEvents.find((e) => e.start >= planDoneAt && e.label === 'update audit_heads')!;
  const lastAuditInsert = applyEvents.map((e) => e.label).lastIndexOf('insert audit_log');
  const auditEnd = (applyEvents[lastAuditInsert + 1] ?? applyEvents[lastAuditInsert]!).end;
  const auditInserts = applyEvents.filter((e) => e.label === 'insert audit_log');
  const auditDbMs = auditInserts.reduce((sum, e) => sum + e.end - e.start, 0);
  const applySplit = {
    loadJobMs: applyRead.start - applyFrom,
    parseMs: applyRead.end - applyRead.start,
    markApplyingBeginLockMs: applySnap.start - applyRead.end,
    snapshotMs: applySnap.end - applySnap.start,
    planMs: planDoneAt - applySnap.end,
    writeMs: auditStartEvent.start - planDoneAt,
    auditMs: auditEnd - auditStartEvent.start,
    auditInsertDbMs: auditDbMs,
    auditBuildAndHashMs: auditEnd - auditStartEvent.start - auditDbMs,
    commitAndFinishMs: applyTo - auditEnd,
  };
  // The writes, per statement kind: time in the database and JS time just before (building rows, pinyin, compiling).
  const writes = new Map<string, { label: string; count: number; dbMs: number; jsBeforeMs: number }>();
  let previousEnd = planDoneAt;
  for (const e of applyEvents.filter((x) => x.start >= planDoneAt && x.end <= auditStartEvent.start)) {
    const entry = writes.get(e.label) ?? { label: e.label, count: 0, dbMs: 0, jsBeforeMs: 0 };
    entry.count++;
    entry.dbMs += e.end - e.start;
    entry.jsBeforeMs += Math.max(0, e.start - previousEnd);
    previousEnd = e.end;
    writes.set(e.label, entry);
  }
  const applyWrites = [...writes.values()];
  return { previewSplit, applySplit, applyWrites };
}

/** What held the event loop in each stall: the query that overlapped it most (PGlite runs queries on this thread), else JS. */
export function attributeStalls(stalls: { end: number; ms: number }[], timeline: QueryTimeline): { ms: number; what: string }[] {
  return stalls
    .map((stall) => {
      const from = stall.end - stall.ms;
      let best = { what: 'JS between queries (or COMMIT)', overlap: 0 };
      for (const e of timeline.events) {
        const overlap = Math.min(e.end, stall.end) - Math.max(e.start, from);
        if (overlap > best.overlap) best = { what: e.label, overlap };
      }
      return { ms: stall.ms, what: best.what };
    })
    .sort((a, b) => b.ms - a.ms);
}
