import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { ChannelConfigView } from '../../../src-shared/contract/alerts.contract';
import type { AlertMessage } from './alert-message';
import { plainText } from './alert-message';
import { cleanLine } from './alert-text';
import type { PostOutcome } from './http-post';
import { scrub } from './http-post';

export interface EmailOptions {
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM): tests trust their own self-signed server this way. */
  ca?: string | readonly string[];
}

/**
 * Sends one alert as a plain-text email over SMTP. STARTTLS is required (port 465 uses TLS from
 * the first byte): a password never crosses the network in clear. Never throws.
 */
export async function sendEmail(message: AlertMessage, config: ChannelConfigView, password: string | undefined, options: EmailOptions): Promise<PostOutcome> {
  if (!config.smtpHost || !config.from || !config.to) return { ok: false, status: null, error: 'The email channel has no server, sender or recipient; edit it', attempts: 0 };
  const port = config.smtpPort ?? 587;
  const transport = nodemailer.createTransport({
    host: config.smtpHost,
    port,
    secure: port === 465,
    requireTLS: port !== 465,
    auth: config.username ? { user: config.username, pass: password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    tls: {
      // SNI carries names only; a server given by IP address is checked against its IP SAN.
      ...(isIP(config.smtpHost) ? {} : { servername: config.smtpHost }),
      rejectUnauthorized: config.allowSelfSigned !== true,
      ...(options.ca ? { ca: [...(typeof options.ca === 'string' ? [options.ca] : options.ca)] } : {}),
    },
  });
  const label = message.kind === 'test' ? '[TEST] ' : message.severity === 'critical' ? '[CRITICAL] ' : message.severity === 'warning' ? '[WARNING] ' : '';
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: cleanLine(`FluxDeck: ${label}${message.title}`, 200),
      // Plain text only: nothing a node sends can become markup in a mail client.
      text: plainText(message),
    });
    const rejected = Array.isArray(info.rejected) ? info.rejected.length : 0;
    return rejected > 0 ? { ok: false, status: null, error: 'The mail server refused the recipient', attempts: 1 } : { ok: true, status: null, error: null, attempts: 1 };
  } catch (error) {
    return { ok: false, status: null, error: describeMailError(error, config, password), attempts: 1 };
  } finally {
    transport.close();
  }
}

function describeMailError(error: unknown, config: ChannelConfigView, password: string | undefined): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const host = `${config.smtpHost ?? '?'}:${config.smtpPort ?? 587}`;
  const reason =
    code === 'EAUTH'
      ? 'the mail server refused the user name or password'
      : code === 'ETLS' || /certificate|self.signed|STARTTLS/i.test(error instanceof Error ? error.message : '')
        ? 'no trusted TLS (the server offers no STARTTLS, or its certificate is not trusted)'
        : code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT'
          ? `cannot connect (${cleanLine(error instanceof Error ? error.message : code, 100)})`
          : cleanLine(error instanceof Error ? error.message : 'unknown error', 140);
  return scrub(`Email via ${host} failed: ${reason}`, password ? [password] : []);
}
