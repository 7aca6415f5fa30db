const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO time as people in 衡南 read it (China time, whatever the phone's zone): 2023-09-03 14:05. */
export function chinaTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000)
  if (Number.isNaN(t.getTime())) return ''
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}
