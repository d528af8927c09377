import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

const opMsg = 2013;
const pingRequestId = 0x5eed;

/** OP_MSG {ping: 1, $db: 'admin'}, built by hand so no driver is needed. */
const buildPing = (): Buffer => {
  const ping = Buffer.concat([Buffer.from([0x10]), Buffer.from('ping\0'), int32(1)]);
  const db = Buffer.concat([Buffer.from([0x02]), Buffer.from('$db\0'), int32(6), Buffer.from('admin\0')]);
  const doc = Buffer.concat([int32(4 + ping.length + db.length + 1), ping, db, Buffer.from([0])]);
  const body = Buffer.concat([int32(0), Buffer.from([0]), doc]);
  return Buffer.concat([int32(16 + body.length), int32(pingRequestId), int32(0), int32(opMsg), body]);
};

const int32 = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
};

// {ok: 1.0}: element type double, key "ok", value 1.0 little-endian.
const okMarker = Buffer.from([0x01, 0x6f, 0x6b, 0x00, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);

const isOkReply = (reply: Buffer): boolean =>
  reply.length >= 16 &&
  reply.readInt32LE(8) === pingRequestId &&
  reply.readInt32LE(12) === opMsg &&
  reply.includes(okMarker);

/** One real `ping` round trip; true when the server at host:port answers ok. */
export const pingServer = (host: string, port: number, timeoutMs = 2_000): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write(buildPing()));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) finish(isOkReply(received));
    });
  });

/** Pings every 100 ms until the server answers or `deadline` (epoch ms) passes. */
export const waitForPing = async (port: number, deadline: number, isAlive: () => boolean): Promise<boolean> => {
  while (Date.now() < deadline && isAlive()) {
    if (await pingServer('127.0.0.1', port)) return true;
    await delay(100);
  }
  return false;
};
