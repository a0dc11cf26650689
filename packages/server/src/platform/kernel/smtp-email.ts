import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailGateway, EmailMessage } from './email';

/** Sends email through an SMTP server (`smtp://user:pass@host:587`, `smtps://…:465`), as a self-hosted install configures it. */
export class SmtpEmailGateway implements EmailGateway {
  readonly delivers = true;
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 10_000;
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
    // Pooled: the dispatcher sends several at once, and a new connection (and TLS handshake) per email is slow.
    // The EHLO name and Message-ID use the From domain: left to itself, nodemailer looks up this machine's name in
    // DNS for every message, which costs ~100 ms each where the name does not resolve.
    // Bounded waits: a stalled mail server must fail the attempt (it is retried), not hold the dispatcher.
    this.transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 8, name: this.domain, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  async send({ to, subject, text }: EmailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text, messageId: `<${randomUUID()}@${this.domain}>`, date: new Date() });
  }

  /** Closes pooled connections. */
  close(): void {
    this.transport.close();
  }
}
