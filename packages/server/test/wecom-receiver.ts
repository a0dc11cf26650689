import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, getSignature } from '@wecom/crypto';

/** The callback Token and EncodingAESKey the test receivers are configured with. */
export const TOKEN = 'QDG6eK';
export const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** An app's callback receiver, written against the official @wecom/crypto: it checks every signature WeCom-style. */
export interface WecomReceiver {
  /** Its address with `?app=1`, to which a test may append its own query parameters. */
  url: string;
  /** What it accepted, in order: the request's path and query, and the decrypted XML. */
  deliveries: { url: string; message: string }[];
  /** The decrypted XML of each accepted event, in order. */
  received: string[];
  /** The status it answers an event with (a test sets 500 to make deliveries fail). */
  status: number;
  close(): Promise<void>;
}

/** Starts a receiver for a corp's events on a free local port: echostr handshakes and events, refused when a signature is wrong. */
export async function startWecomReceiver(corpId: string): Promise<WecomReceiver> {
  const receiver = { deliveries: [] as WecomReceiver['deliveries'], received: [] as string[], status: 200 };
  const server: Server = createServer((request, response) => {
    const query = new URL(request.url!, 'http://x').searchParams;
    const [timestamp, nonce, signatureGiven] = [query.get('timestamp')!, query.get('nonce')!, query.get('msg_signature')!];
    if (request.method === 'GET') {
      const echostr = query.get('echostr')!;
      if (getSignature(TOKEN, timestamp, nonce, echostr) !== signatureGiven) return void response.writeHead(403).end();
      return void response.end(decrypt(AES_KEY, echostr).message);
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(body)?.[1] ?? '';
      const opened = decrypt(AES_KEY, encrypted);
      if (getSignature(TOKEN, timestamp, nonce, encrypted) !== signatureGiven || opened.id !== corpId) return void response.writeHead(403).end();
      receiver.deliveries.push({ url: request.url!, message: opened.message });
      receiver.received.push(opened.message);
      response.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback?app=1`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}
