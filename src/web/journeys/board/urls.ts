/** Where the board pack's pages live. */
const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => !!e[1]),
  ).toString()
  return s ? `?${s}` : ''
}
export const boardUrls = {
  pack: (month?: string, prison?: string) => `/board${q({ month, prison })}`,
  pdf: (month: string, prison?: string) => `/board/pack.pdf${q({ month, prison })}`,
  csv: (table: string, month: string, prison?: string) => `/board/tables/${table}.csv${q({ month, prison })}`,
}
