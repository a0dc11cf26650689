// The figures of bench/wecom.ts and their tables: one engine's, and the summary over engines.
import { fmt, printTable } from './common';
import { engineTitle, type Engine } from './engines';
import type { Diagnosis } from './wecom-diagnose';
import type { LoadResult } from './wecom-load';

/** The issue's targets. */
export const TARGETS = { userGetRatioToPing: 0.25, userGetP99Ms: 20, gettokenPerSec: 2_000 };

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export interface RouteFigures {
  name: string;
  load: LoadResult;
  /** req/s over the mean of the two ping runs. */
  ratioToPing: number;
  target: string;
  /** null: no target for this route. */
  pass: boolean | null;
}

export interface SendRun {
  /** The POST, until its answer arrived. */
  postMs: number;
  /** From the POST until `count(*)` of the message's inbox_items answered BROADCAST_MEMBERS. */
  confirmedMs: number;
  inboxRows: number;
}

export interface SendFigures {
  warmupMs: number;
  runs: SendRun[];
  medianPostMs: number;
  medianConfirmedMs: number;
}

export interface EngineResult {
  engine: Engine;
  version: string;
  loadAverage: number[];
  seedMs: number;
  corp: { departments: number; members: number; broadcastMembers: number; departmentListBytes: number; userGetPaths: number };
  pingBefore: LoadResult;
  pingAfter: LoadResult;
  pingPerSec: number;
  routes: RouteFigures[];
  send: SendFigures;
  /** Sequential, without load: per route. */
  diagnosis: Record<string, Diagnosis>;
  /** Loads with non-2xx answers, transport errors, timeouts or wrong answers: the run fails. */
  failed: string[];
}

const row = (name: string, l: LoadResult, ratio: string, target: string, result: string) => [
  name,
  fmt(l.requestsPerSec),
  fmt(l.latencyMs.p50),
  fmt(l.latencyMs.p99),
  ratio,
  `${l.non2xx} / ${l.errors + l.timeouts} / ${l.wrongAnswers}`,
  target,
  result,
];

export function printEngine(r: EngineResult, connections: number, seconds: number): void {
  console.log(`\n=== ${engineTitle(r.engine)} ${r.version}: autocannon -c ${connections} -d ${seconds}, ${r.corp.members} members, ${r.corp.departments} departments ===`);
  printTable(
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'vs ping', 'non-2xx / errors / wrong', 'target', 'result'],
    [
      row('GET /api/v1/ping (before)', r.pingBefore, '', '', ''),
      ...r.routes.map((x) => row(x.name, x.load, `${fmt(x.ratioToPing, 3)} ×`, x.target, x.pass === null ? '' : verdict(x.pass))),
      row('GET /api/v1/ping (after)', r.pingAfter, '', '', ''),
    ],
  );
  const s = r.send;
  console.log(
    `\nmessage/send to 万人部 (${fmt(r.corp.broadcastMembers)} members): POST median ${fmt(s.medianPostMs)} ms (${s.runs.map((x) => fmt(x.postMs)).join(', ')}), ` +
      `until count(*) = ${fmt(r.corp.broadcastMembers)}: median ${fmt(s.medianConfirmedMs)} ms; warm-up send ${fmt(s.warmupMs)} ms`,
  );
  for (const f of r.failed) console.log(`FAILED: ${f}`);
}

export function printSummary(results: EngineResult[]): void {
  console.log('\n=== summary ===');
  const line = (name: string, pick: (r: EngineResult) => string) => [name, ...results.map(pick)];
  printTable(
    ['figure', ...results.map((r) => engineTitle(r.engine))],
    [
      line('ping req/s (mean of before / after)', (r) => `${fmt(r.pingPerSec)} (${fmt(r.pingBefore.requestsPerSec)} / ${fmt(r.pingAfter.requestsPerSec)})`),
      ...results[0]!.routes.map((x, i) =>
        line(`${x.name}: req/s; p50 / p99 ms; vs ping`, (r) => {
          const y = r.routes[i]!;
          return `${fmt(y.load.requestsPerSec)}; ${fmt(y.load.latencyMs.p50)} / ${fmt(y.load.latencyMs.p99)}; ${fmt(y.ratioToPing, 3)} ×${y.pass === null ? '' : ` ${verdict(y.pass)}`}`;
        }),
      ),
      line('message/send 10,000: POST median ms (min–max)', (r) => `${fmt(r.send.medianPostMs)} (${fmt(Math.min(...r.send.runs.map((x) => x.postMs)))}–${fmt(Math.max(...r.send.runs.map((x) => x.postMs)))})`),
      line('message/send 10,000: until every inbox has it, median ms', (r) => fmt(r.send.medianConfirmedMs)),
    ],
  );
}
