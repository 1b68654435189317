// A real SMTP server on 127.0.0.1 (`smtp-server`) for tests: it requires a login, refuses a wrong password with the
// standard 535 answer, and keeps every message it accepts, parsed. Plain text without TLS (security "none"), which
// is what a local relay looks like.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ReceivedMail } from './received-mail';

export interface TestSmtpServer {
  port: number;
  /** Every accepted message, oldest first. */
  messages: ReceivedMail[];
  /** Login attempts as (user, whether the password matched). */
  logins: Array<{ user: string; accepted: boolean }>;
  /** Resolves with the first message (after `index` earlier ones) to arrive. */
  nextMessage(index?: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(account: { user: string; password: string }): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const logins: TestSmtpServer['logins'] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const accepted = auth.username === account.user && auth.password === account.password;
      logins.push({ user: auth.username ?? '', accepted });
      if (accepted) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8')));
        for (const wake of waiters.splice(0)) wake();
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port,
    messages,
    logins,
    nextMessage(index = messages.length, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message #${index + 1} within ${timeoutMs} ms`)), timeoutMs);
        const check = (): void => {
          const message = messages[index];
          if (message) {
            clearTimeout(timer);
            resolve(message);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
