import type { Logger } from './logger';

/** An email: one recipient, a subject and a plain-text body. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends an email. Real gateways (SMTP, a mail API) implement this. */
export interface EmailGateway {
  /** False for a gateway that only writes the log: notices are then not emailed at all (see ADR 0012). */
  readonly delivers: boolean;
  send(message: EmailMessage): Promise<void>;
}

/** The default gateway: writes each email to the server log, for self-hosted setups without a mail server. */
export class LogEmailGateway implements EmailGateway {
  readonly delivers = false;
  constructor(private readonly logger: Logger) {}
  async send({ to, subject, text }: EmailMessage): Promise<void> {
    // Deliberately logged in full: with this gateway, the log is how the operator reads the link.
    this.logger.info({ email: { to, subject, text } }, `Email to ${to}: ${subject}: ${text}`);
  }
}
