import type { Logger } from './logger';

/** Sends a text message to a mobile number. Real gateways (Aliyun, Tencent Cloud SMS) implement this. */
export interface SmsGateway {
  send(mobile: string, text: string): Promise<void>;
}

/** The default gateway: writes each message to the server log, for self-hosted setups without an SMS contract. */
export class LogSmsGateway implements SmsGateway {
  constructor(private readonly logger: Logger) {}
  async send(mobile: string, text: string): Promise<void> {
    // Deliberately logged in full: with this gateway, the log is how the operator reads the code.
    this.logger.info({ sms: { to: mobile, text } }, `SMS to ${mobile}: ${text}`);
  }
}
