/** CSV as RFC 4180 writes it: comma-separated, `"` quotes, `""` escapes, CRLF line ends. */

/**
 * Reads CSV text into rows of cells. Accepts a UTF-8 BOM, CRLF or LF line ends, quoted cells with
 * commas, quotes and line breaks; blank lines are skipped. Returns null when a quote is left open.
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endRow = () => {
    row.push(cell)
    cell = ''
    if (row.length > 1 || row[0] !== '') rows.push(row)
    row = []
  }
  for (; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') endRow()
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++
      endRow()
    } else cell += ch
  }
  if (quoted) return null
  if (cell !== '' || row.length > 0) endRow()
  return rows
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** Writes rows as CSV text (CRLF, a final line end). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map(quote).join(','))
    .join('\r\n')
    .concat('\r\n')
}

/**
 * Neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) by
 * prefixing `'`; for text that customers typed, such as names and notes.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}
