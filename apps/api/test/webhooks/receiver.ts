import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = { headers: IncomingHttpHeaders; body: string; at: number };

/** What the receiver does with a request: answer it (status), or leave it hanging ('hang'). */
export type Reply = number | 'hang' | { status: number; location: string };

/**
 * A real HTTP receiver on a loopback port, recording every request and, per webhook-id,
 * the most requests it ever had in flight at once (concurrent duplicate sends show up there).
 */
export const startReceiver = async (reply: (request: ReceivedRequest, index: number) => Reply, delayMs = 0) => {
  const requests: ReceivedRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const index = requests.push(received) - 1;
      const id = String(req.headers['webhook-id']);
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      maxInFlight.set(id, Math.max(maxInFlight.get(id) ?? 0, inFlight.get(id) ?? 0));
      const answer = reply(received, index);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      setTimeout(() => {
        inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        if (typeof answer === 'number') res.writeHead(answer).end(answer < 300 ? 'ok' : 'nope');
        else res.writeHead(answer.status, { location: answer.location }).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    maxInFlight,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export const waitUntil = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'condition',
) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const eventTypeOf = (request: ReceivedRequest): string => (JSON.parse(request.body) as { type: string }).type;

/** Test servers run no dispatcher: relay the outboxes and send what is due, by hand. */
export const dispatchAll = async (server: {
  services: { webhooks: { relayPending: () => Promise<unknown>; dispatchNext: () => Promise<boolean> } };
}) => {
  await server.services.webhooks.relayPending();
  while (await server.services.webhooks.dispatchNext()) {
    // next
  }
};
