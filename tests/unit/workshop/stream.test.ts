/**
 * The live stream to a dashboard holds a bounded backlog (review finding L6): a dashboard that stops
 * reading is cut off, one that reads gets every message. Real sockets on loopback.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream } from '../../../src/server/hub';

const LIMIT = 256 * 1024;
const MESSAGE = `data: ${'x'.repeat(1000)}\n\n`;
/** Far more than the kernel's socket buffers on loopback hold (a few MB). */
const MESSAGES = 40_000;

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server whose one route streams MESSAGES messages, a batch per turn; resolves with what it could send. */
function streamingServer(): Promise<{ port: number; outcome: Promise<{ sent: number; cutOff: boolean }> }> {
  let report!: (outcome: { sent: number; cutOff: boolean }) => void;
  const outcome = new Promise<{ sent: number; cutOff: boolean }>((resolve) => (report = resolve));
  server = createServer((_request, response) => {
    const send = openEventStream(response, LIMIT);
    let sent = 0;
    const burst = () => {
      for (let i = 0; i < 50 && sent < MESSAGES && !response.destroyed; i++, sent++) send(MESSAGE);
      if (response.destroyed || sent >= MESSAGES) {
        response.end();
        report({ sent, cutOff: response.destroyed });
      } else setImmediate(burst);
    };
    burst();
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve({ port: (server!.address() as AddressInfo).port, outcome })),
  );
}

describe('a dashboard stream', () => {
  it('is cut off once a client that stopped reading leaves more than the limit unsent', async () => {
    const { port, outcome } = await streamingServer();
    const socket = connect(port, '127.0.0.1');
    socket.pause(); // never reads
    socket.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
    const { sent, cutOff } = await outcome;
    socket.destroy();
    expect(cutOff).toBe(true);
    expect(sent).toBeLessThan(MESSAGES);
  });

  it('sends every message to a client that reads', async () => {
    const { port, outcome } = await streamingServer();
    const response = await fetch(`http://127.0.0.1:${port}/stream`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await outcome).toEqual({ sent: MESSAGES, cutOff: false });
    expect(text.length).toBe(MESSAGE.length * MESSAGES);
  });
});
