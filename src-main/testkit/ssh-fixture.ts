import net from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Connection, ServerChannel } from 'ssh2';
import { sshFingerprint } from '../core/ssh/host-key-format';
import { generateSshKeyPair } from '../sim/ssh-keygen';

const { Server, utils } = ssh2;

/** Fault the fixture applies to new connections / commands. */
export type FixtureMode =
  | 'normal'
  /** Accept TCP, never send the SSH banner. */
  | 'no-banner'
  /** After auth, stop reading the socket (half-open transport). */
  | 'half-open-after-ready'
  /** Reject every auth attempt. */
  | 'reject-auth'
  /** Destroy the socket when a command starts. */
  | 'drop-on-exec';

export interface SshFixture {
  port: number;
  host: string;
  username: string;
  /** Client key the server accepts (OpenSSH private key text). */
  clientPrivateKey: string;
  password: string;
  /** Fingerprint of the host key currently presented. */
  hostFingerprint: () => string;
  /** Present a freshly generated host key from now on (returns its fingerprint). */
  rotateHostKey: () => string;
  mode: FixtureMode;
  /** Session channels accepted per connection before refusing (sshd MaxSessions). */
  maxSessions: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  /** Commands started so far. */
  execs: string[];
  /** Authentication requests received so far (any method). */
  authAttempts: () => number;
  /** Server-side connections currently open. */
  openConnections: () => number;
  close: () => Promise<void>;
}

function respond(command: string, stream: ServerChannel): void {
  const [verb, arg = ''] = command.split(' ', 2);
  switch (verb) {
    case 'echo':
      stream.write(`${command.slice(5)}\n`);
      stream.exit(0);
      stream.end();
      return;
    case 'sleep':
      setTimeout(() => {
        stream.write('slept\n');
        stream.exit(0);
        stream.end();
      }, Number(arg));
      return;
    case 'big':
      stream.write(Buffer.alloc(Number(arg), 0x61));
      stream.exit(0);
      stream.end();
      return;
    case 'fail':
      stream.stderr.write('boom\n');
      stream.exit(3);
      stream.end();
      return;
    case 'signal':
      stream.exit('KILL', false, 'killed');
      stream.end();
      return;
    case 'ansi':
      stream.write('\u001b[31mred\u001b[0m\u001b]52;c;ZXZpbA==\u0007 text\r\n');
      stream.exit(0);
      stream.end();
      return;
    case 'drip': {
      // Two lines, then one cut inside an escape sequence and inside a UTF-8 character, then the end.
      const e = Buffer.from('é');
      const parts = [Buffer.from('one\ntwo\n'), Buffer.from('\u001b[3'), Buffer.concat([Buffer.from('1mthr'), e.subarray(0, 1)]), Buffer.concat([e.subarray(1), Buffer.from('e\u001b[0m\nlast')])];
      parts.forEach((part, i) => setTimeout(() => stream.write(part), i * 40));
      setTimeout(() => {
        stream.exit(0);
        stream.end();
      }, parts.length * 40 + 40);
      return;
    }
    case 'noexit':
      stream.write('no status\n');
      stream.end();
      return;
    case 'hang':
      return;
    default:
      stream.stderr.write(`unknown command\n`);
      stream.exit(127);
      stream.end();
  }
}

/** An in-process ssh2 server on 127.0.0.1:0 with switchable faults (ecosystem.md A.13). */
export async function startSshFixture(): Promise<SshFixture> {
  const client = generateSshKeyPair();
  const clientPub = utils.parseKey(client.publicKey);
  if (clientPub instanceof Error) throw clientPub;
  const password = 'fixture-password';
  let hostKey = generateSshKeyPair();
  const sockets = new Set<net.Socket>();
  const sshConns = new Set<Connection>();
  let accepted = 0;
  let auths = 0;

  const fixture: SshFixture = {
    port: 0,
    host: '127.0.0.1',
    username: 'operator',
    clientPrivateKey: client.privateKey,
    password,
    hostFingerprint: () => fingerprintOf(hostKey.publicKey),
    rotateHostKey: () => {
      hostKey = generateSshKeyPair();
      server = makeServer();
      return fingerprintOf(hostKey.publicKey);
    },
    mode: 'normal',
    maxSessions: 10,
    connections: () => accepted,
    execs: [],
    authAttempts: () => auths,
    openConnections: () => sshConns.size,
    close: async () => {
      for (const c of sshConns) c.end();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };

  const makeServer = (): InstanceType<typeof Server> =>
    new Server({ hostKeys: [hostKey.privateKey] }, (conn) => {
      sshConns.add(conn);
      // Not in @types/ssh2's Connection, but ssh2's server connection has it (avoids Nagle delays).
      (conn as unknown as { setNoDelay: (on: boolean) => void }).setNoDelay(true);
      conn.on('close', () => sshConns.delete(conn));
      conn.on('error', () => undefined);
      conn.on('authentication', (ctx) => {
        auths++;
        if (fixture.mode === 'reject-auth') return ctx.reject();
        if (ctx.method === 'password' && ctx.password === password) return ctx.accept();
        if (ctx.method === 'publickey' && ctx.key.algo === clientPub.type && safeEqual(ctx.key.data, clientPub.getPublicSSH())) {
          if (!ctx.signature) return ctx.accept();
          if (ctx.blob && clientPub.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
        }
        ctx.reject(['publickey', 'password']);
      });
      conn.on('ready', () => {
        const raw = rawSocketOf(conn);
        if (fixture.mode === 'half-open-after-ready' && raw) {
          // Stop reading: nothing the client sends (keepalives, channel opens) gets an answer.
          setImmediate(() => raw.pause());
          raw.removeAllListeners('data');
        }
        let sessions = 0;
        conn.on('session', (accept, reject) => {
          if (sessions >= fixture.maxSessions) return reject();
          sessions++;
          const session = accept();
          session.on('close', () => sessions--);
          session.on('exec', (acceptExec, _rejectExec, info) => {
            fixture.execs.push(info.command);
            const stream = acceptExec();
            if (fixture.mode === 'drop-on-exec') {
              rawSocketOf(conn)?.destroy();
              return;
            }
            respond(info.command, stream);
          });
        });
      });
    });

  let server = makeServer();
  const tcp = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (fixture.mode === 'no-banner') return;
    server.injectSocket(socket);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  fixture.port = (tcp.address() as net.AddressInfo).port;
  return fixture;
}

function fingerprintOf(publicKey: string): string {
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  return sshFingerprint(parsed.getPublicSSH());
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function rawSocketOf(conn: Connection): net.Socket | undefined {
  return (conn as unknown as { _sock?: net.Socket })._sock;
}
