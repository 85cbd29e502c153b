import { readFile } from 'node:fs/promises';

/**
 * sluice's own container id, when it runs in a container, so it never collects its own logs (a
 * console or syslog route would feed back into itself). Docker bind-mounts the container's
 * hostname/hosts/resolv.conf from /var/lib/docker/containers/<id>/, which shows in mountinfo under
 * both cgroup v1 and v2; cgroup v1 paths carry the id too. `SLUICE_CONTAINER_ID` (read by the CLI)
 * overrides both. Returns undefined outside a container.
 */
export async function detectSelfId(readText: (p: string) => Promise<string> = (p) => readFile(p, 'utf8')): Promise<string | undefined> {
  for (const [file, re] of [
    ['/proc/self/mountinfo', /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)/],
    ['/proc/self/cgroup', /(?:docker[-/])([0-9a-f]{64})/],
  ] as const) {
    try {
      const m = re.exec(await readText(file));
      if (m) return m[1];
    } catch {
      // not Linux, or no procfs: not in a container we can recognise
    }
  }
  return undefined;
}
