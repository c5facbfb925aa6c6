import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { makeTempDir } from './temp-dir';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Whether the session had switched to TLS before the message was sent. */
  secure: boolean;
  user: string | undefined;
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl, one day). */
export function selfSignedCert(): { key: string; cert: string } {
  const temp = makeTempDir('fluxdeck-smtp-cert-');
  try {
    const key = path.join(temp.dir, 'key.pem');
    const cert = path.join(temp.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    temp.cleanup();
  }
}

/**
 * A local SMTP server on 127.0.0.1:0 offering STARTTLS with a self-signed certificate and
 * requiring a login (user / password given), recording every message it accepts.
 */
export class SmtpTestServer {
  readonly mails: ReceivedMail[] = [];
  readonly tls = selfSignedCert();
  private server: SMTPServer | undefined;

  constructor(private readonly login: { user: string; password: string } = { user: 'ops', password: 'smtp-pass-7c1e' }) {}

  async start(options: { offerStartTls?: boolean } = {}): Promise<{ host: string; port: number }> {
    const server = new SMTPServer({
      secure: false,
      key: this.tls.key,
      cert: this.tls.cert,
      hideSTARTTLS: options.offerStartTls === false,
      // Only after STARTTLS: a login in clear text is refused, as real relays do.
      allowInsecureAuth: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.login.user && auth.password === this.login.password) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        });
      },
      logger: false,
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { host: '127.0.0.1', port: (server.server.address() as AddressInfo).port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
