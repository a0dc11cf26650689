// What the notifications benchmark listens with: an SMTP server, a webhook receiver and members' live streams, each
// noting when every notice arrived (performance.now(), the same clock the sender reads).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

/** Arrival times by key (a notice's title; for streams, `<member>#<unread count>`). */
export class Arrivals {
  readonly at = new Map<string, number>();
  note(key: string): void {
    if (!this.at.has(key)) this.at.set(key, performance.now());
  }
}

/** An SMTP server on a free local port that notes each email's subject. */
export async function smtpProbe(arrivals: Arrivals): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';
        for (const to of session.envelope.rcptTo) arrivals.note(`${subject}|${to.address}`);
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) };
}

/** An HTTP receiver that answers 200 and notes each notice's title. */
export async function webhookProbe(arrivals: Arrivals): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        arrivals.note((JSON.parse(body) as { notice: { title: string } }).notice.title);
      } catch {
        // not ours
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((done) => server.close(() => done())) };
}

/** A member's live stream, noting when each unread count was first pushed. */
export async function streamProbe(baseUrl: string, cookie: string, userid: string, arrivals: Arrivals): Promise<{ close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/portal/notifications/stream`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream of ${userid}: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let match = /event: unread\ndata: (.*)\n\n/.exec(buffer); match; match = /event: unread\ndata: (.*)\n\n/.exec(buffer)) {
          buffer = buffer.slice(match.index + match[0].length);
          const { unread } = JSON.parse(match[1]!) as { unread: number };
          // A count of n means every count up to n has arrived (pushes coalesce).
          for (let n = 0; n <= unread; n++) arrivals.note(`${userid}#${n}`);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return { close: () => controller.abort() };
}
