import { z } from 'zod';
import externalHostsJson from '../../resources/links/external-hosts.json';

/**
 * Links the renderer asks to open go to the user's browser only when they are https and their
 * host is on the allow-list in resources/links (the Flux site, docs, API and explorers). Anything
 * else (another host, http, file:, javascript:, credentials in the URL) is dropped.
 */

const ExternalHosts = z.object({ date: z.string(), source: z.string(), hosts: z.array(z.string().min(1)).min(1) });

export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(ExternalHosts.parse(externalHostsJson).hosts.map((h) => h.toLowerCase()));

export function isAllowedExternalUrl(url: string, hosts: ReadonlySet<string> = EXTERNAL_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return hosts.has(parsed.hostname.toLowerCase());
}
