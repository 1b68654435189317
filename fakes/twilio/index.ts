// A local stand-in for Twilio's Messages API that checks the documented request — POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth with the Account SID and auth token, a form body
// with To, From and Body — and answers with Twilio's documented JSON: 201 with the message resource, or an error
// {code, message, more_info, status}. Numbers on its `refuse` list get error 21211, like an invalid 'To' number.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTwilioRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  form: Record<string, string>;
}

export interface FakeTwilio {
  url: string;
  requests: FakeTwilioRequest[];
  /** Accepted messages, as Twilio would store them. */
  sent: Array<{ sid: string; to: string; from: string; body: string }>;
  /** Numbers whose messages are refused with error 21211. */
  refuse: Set<string>;
  /** Answers the next `count` requests with 503, as during an outage. */
  failNext(count: number): void;
  close(): Promise<void>;
}

const PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFakeTwilio(account: { sid: string; token: string }): Promise<FakeTwilio> {
  const requests: FakeTwilioRequest[] = [];
  const sent: FakeTwilio['sent'] = [];
  const refuse = new Set<string>();
  let failures = 0;
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const path = request.url ?? '';
      const form = Object.fromEntries(new URLSearchParams(body));
      const authorization = request.headers.authorization ?? '';
      requests.push({ method: request.method ?? '', path, authorization, contentType: request.headers['content-type'] ?? '', form });
      const answer = (status: number, json: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      const error = (status: number, code: number, message: string): void =>
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const match = PATH.exec(path);
      if (request.method !== 'POST' || !match) return error(404, 20404, 'The requested resource was not found');
      if (failures > 0) {
        failures--;
        return error(503, 20503, 'Service unavailable');
      }
      const expected = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
      if (authorization !== expected || match[1] !== account.sid) return error(401, 20003, 'Authenticate');
      if (!form.To || !form.From || !form.Body) return error(400, 21604, "A 'To' phone number is required.");
      if (refuse.has(form.To)) return error(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
      const sid = `SM${String(sent.length + 1).padStart(32, '0')}`;
      sent.push({ sid, to: form.To, from: form.From, body: form.Body });
      answer(201, {
        sid,
        account_sid: account.sid,
        to: form.To,
        from: form.From,
        body: form.Body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    refuse,
    failNext: (count) => (failures = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
