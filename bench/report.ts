// Markdown output: tables whose rows carry their target and a pass/fail mark.

export type Cell = string | number | null | undefined

export interface Table {
  title: string
  /** What was measured and how, printed under the title. */
  note?: string
  head: string[]
  rows: Cell[][]
}

/** `✅ pass`, `❌ fail`, or empty for a row without a target (a baseline, a detail). */
export function verdict(ok: boolean | undefined): string {
  if (ok === undefined) return ''
  return ok ? '✅ pass' : '❌ fail'
}

/** A number with at most `digits` decimals; `–` when not measured. */
export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–'
  return String(Math.round(value * 10 ** digits) / 10 ** digits)
}

/** Bytes as KB with two decimals (1 KB = 1024 bytes). */
export function kb(bytes: number): string {
  return (bytes / 1024).toFixed(2)
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return ''
  return String(value).replaceAll('|', '\\|')
}

/** One table as markdown, title and note included. */
export function markdownTable(table: Table): string {
  const lines = [`## ${table.title}`, '']
  if (table.note) lines.push(table.note, '')
  lines.push(`| ${table.head.join(' | ')} |`, `|${table.head.map(() => '---').join('|')}|`)
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`)
  return lines.join('\n')
}
