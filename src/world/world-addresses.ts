import { hostnameOf, registryEndpoint } from "../registry/client/registry-endpoint.ts";

/**
 * Addresses of a world's machines, as connection errors print them. Hosts are numbered from
 * 10.0.0.2 and registries from 10.1.0.2, in spec order; a registry named by a loopback domain
 * (`localhost:5000`) listens on 127.0.0.1 and hosts reach it from 127.0.0.1, as on one machine.
 */
export function hostIp(index: number): string {
  return `10.0.${ipTail(index)}`;
}

/** A registry's `ip:port` and the IP its clients connect from (`undefined`: their own). */
export function registryAddress(
  name: string,
  index: number,
): { address: string; clientIp?: string } {
  const endpoint = registryEndpoint(name);
  const hostname = hostnameOf(endpoint.host);
  const portText = endpoint.host.slice(hostname.length).replace(/^\]?:/, "");
  const port = portText === "" ? (endpoint.scheme === "https" ? 443 : 80) : Number(portText);
  if (hostname === "localhost" || /^127\./.test(hostname)) {
    const ip = hostname === "localhost" ? "127.0.0.1" : hostname;
    return { address: `${ip}:${port}`, clientIp: ip };
  }
  return { address: `10.1.${ipTail(index)}:${port}` };
}

/** The domains a registry answers to: its name and its API host (`registry-1.docker.io`). */
export function registryDomains(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, registryEndpoint(name).host, ...aliases])];
}

function ipTail(index: number): string {
  const n = index + 2;
  return `${Math.floor(n / 256) % 256}.${n % 256}`;
}
