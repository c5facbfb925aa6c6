import { timingSafeEqual } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { hugeChunk, injectAnsi } from './faults';
import type { RouteContext } from './node-api';
import type { SimNode } from './sim-node';
import type { LocalFluxos } from './loopback-curl';
import { runCommandLine } from './ssh-commands';
import { SHELL_COMMAND } from '../core/ssh/script-shell';
import { StdinScripts } from './stdin-scripts';

const { Server, utils } = ssh2;

/**
 * SSH side of a simulated node. A plain TCP listener owns every socket and hands it to an ssh2
 * `Server` (normal or alternate host key), so faults can act before the banner and on the raw
 * socket. Publickey auth only, with a real signature check.
 */

/** Far beyond any test: effectively turns off ssh2's server-side keepalive (OpenSSH's default). */
const NO_KEEPALIVE_MS = 2_000_000_000;
const CHUNK = 64 * 1024;

export interface SshServerOptions {
  hostKey: string;
  /** Produces the key presented under `sshNewHostKey` (generated on first need). */
  altHostKey: () => string;
  /** The one client public key accepted (`ssh-ed25519 AAAA…`). */
  clientPublicKey: string;
  /** The node's own FluxOS, which `curl` on its loopback reaches; none: nothing listens there. */
  localFluxos?: LocalFluxos;
}

export class SimSshServer {
  private tcp: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly byPeer = new Map<string, net.Socket>();
  private readonly clientKey: ParsedKey;
  private readonly clientBlob: Buffer;
  private main: InstanceType<typeof Server> | undefined;
  private alt: InstanceType<typeof Server> | undefined;
  private stopped = false;
  private boundPort = 0;

  constructor(
    private readonly host: string,
    private readonly node: SimNode,
    private readonly ctx: RouteContext,
    private readonly options: SshServerOptions,
  ) {
    const parsed = utils.parseKey(options.clientPublicKey);
    if (parsed instanceof Error) throw new Error(`client public key unreadable: ${parsed.message}`);
    this.clientKey = parsed;
    this.clientBlob = parsed.getPublicSSH();
  }

  get port(): number {
    return this.boundPort;
  }

  async start(port: number): Promise<number> {
    this.main = this.makeServer(this.options.hostKey);
    const tcp = net.createServer((socket) => this.onSocket(socket));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen({ host: this.host, port, exclusive: true }, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    tcp.on('error', () => undefined);
    this.tcp = tcp;
    this.boundPort = (tcp.address() as AddressInfo).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const tcp = this.tcp;
    this.tcp = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }

  private makeServer(hostKey: string): InstanceType<typeof Server> {
    const server = new Server(
      { hostKeys: [hostKey], ident: 'OpenSSH_9.6p1 Ubuntu-3ubuntu13.5', keepaliveInterval: NO_KEEPALIVE_MS },
      (client, info) => this.onClient(client, `${info.ip}:${info.port}`),
    );
    server.on('error', () => undefined);
    return server;
  }

  private onSocket(socket: net.Socket): void {
    socket.on('error', () => undefined);
    // Without this, Nagle + delayed ACK add ~40 ms to each round trip of the handshake.
    socket.setNoDelay(true);
    this.sockets.add(socket);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.byPeer.set(peer, socket);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.byPeer.delete(peer);
    });
    if (this.node.faults.sshNoBanner) {
      // Accept and read, never answer: the client waits for an identification line forever.
      socket.resume();
      return;
    }
    let server = this.main;
    if (this.node.faults.sshNewHostKey) server = this.alt ??= this.makeServer(this.options.altHostKey());
    server?.injectSocket(socket);
  }

  private onAuth(auth: AuthContext): void {
    const faults = this.node.faults;
    if (faults.sshRejectAuth || auth.username !== this.node.username) return auth.reject(['publickey']);
    if (auth.method !== 'publickey') return auth.reject(['publickey']);
    const key = auth.key;
    const sameKey =
      key.algo === 'ssh-ed25519' && key.data.length === this.clientBlob.length && timingSafeEqual(key.data, this.clientBlob);
    if (!sameKey) return auth.reject(['publickey']);
    // Without a signature the client only asks whether this key would do (RFC 4252 §7).
    if (!auth.signature || !auth.blob) return auth.accept();
    if (this.clientKey.verify(auth.blob, auth.signature, auth.hashAlgo)) return auth.accept();
    return auth.reject(['publickey']);
  }

  private onClient(client: Connection, peer: string): void {
    client.on('error', () => undefined);
    client.on('authentication', (auth) => this.onAuth(auth));
    client.on('ready', () => {
      const socket = this.byPeer.get(peer);
      if (this.node.faults.sshHalfOpen && socket) {
        // Stop reading: nothing the client sends is processed, so nothing is ever written back.
        socket.pause();
        return;
      }
      let open = 0;
      client.on('session', (accept, reject) => {
        // Turned on at run time for a connection that is already up: go silent from here on.
        if (this.node.faults.sshHalfOpen && socket) return void socket.pause();
        const max = this.node.faults.sshMaxSessions;
        if (max !== undefined && open >= max) return reject();
        const session = accept();
        open++;
        session.once('close', () => open--);
        session.on('env', (acceptEnv) => acceptEnv?.());
        session.on('pty', (_a, rejectPty) => rejectPty?.());
        session.on('shell', (_a, rejectShell) => rejectShell());
        session.on('subsystem', (_a, rejectSub) => rejectSub());
        session.on('exec', (acceptExec, _rejectExec, info) => {
          const channel = acceptExec();
          if (info.command === SHELL_COMMAND) this.shell(channel, socket);
          else this.exec(channel, info.command, socket).catch(() => socket?.destroy());
        });
      });
    });
  }

  private async exec(channel: ServerChannel, command: string, socket: net.Socket | undefined): Promise<void> {
    const isGone = this.watch(channel);
    const code = await this.run(channel, command, socket, isGone);
    if (code === undefined || isGone()) return;
    channel.exit(code);
    channel.end();
  }

  /** `sh` reading its stdin: each script that arrives runs as an exec's would, and the channel stays open. */
  private shell(channel: ServerChannel, socket: net.Socket | undefined): void {
    const isGone = this.watch(channel);
    const input = new StdinScripts();
    let running = Promise.resolve();
    channel.on('data', (chunk: Buffer) => {
      for (const script of input.push(chunk.toString('utf8'))) {
        running = running.then(() => this.run(channel, script, socket, isGone)).then(
          () => undefined,
          () => void socket?.destroy(),
        );
      }
    });
    channel.on('end', () => {
      if (!isGone()) channel.close();
    });
  }

  private watch(channel: ServerChannel): () => boolean {
    channel.on('error', () => undefined);
    let closed = false;
    channel.once('close', () => {
      closed = true;
    });
    return () => closed || this.stopped;
  }

  /** Runs one script and writes its output, faults included; the exit code, or undefined when the connection was cut. */
  private async run(channel: ServerChannel, command: string, socket: net.Socket | undefined, isGone: () => boolean): Promise<number | undefined> {
    if (isGone()) return undefined;
    const faults = this.node.faults;
    const result = runCommandLine(command, this.node, this.ctx, this.options.localFluxos);
    let stdout = result.stdout;
    let stderr = result.stderr;
    if (faults.ansiOutput) {
      stdout = stdout ? injectAnsi(stdout) : stdout;
      stderr = stderr ? injectAnsi(stderr) : stderr;
    }
    if (faults.sshDropMidExec) {
      const text = stdout || stderr || 'partial output';
      channel.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      // Let the partial data reach the wire, then cut the connection without exit status.
      setTimeout(() => socket?.destroy(), 20).unref();
      return undefined;
    }
    if (faults.sshHugeOutput !== undefined) {
      await this.writeHuge(channel, faults.sshHugeOutput, isGone);
    } else if (faults.sshSlowOutput !== undefined) {
      await this.writeSlow(channel, stdout, faults.sshSlowOutput, isGone);
    } else if (stdout) {
      channel.write(stdout);
    }
    if (isGone()) return undefined;
    if (stderr) channel.stderr.write(stderr);
    return result.code;
  }

  private async writeHuge(channel: ServerChannel, bytes: number, isGone: () => boolean): Promise<void> {
    for (let sent = 0; sent < bytes && !isGone(); ) {
      const size = Math.min(CHUNK, bytes - sent);
      const ok = channel.write(hugeChunk(sent, size));
      sent += size;
      if (!ok) await waitDrainOrClose(channel);
    }
  }

  private async writeSlow(channel: ServerChannel, text: string, ms: number, isGone: () => boolean): Promise<void> {
    const step = Math.max(1, Math.ceil(text.length / 20));
    for (let i = 0; i < text.length && !isGone(); i += step) {
      channel.write(text.slice(i, i + step));
      await new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    }
  }
}

function waitDrainOrClose(channel: ServerChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    channel.once('drain', done);
    channel.once('close', done);
  });
}
