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

// A cell a spreadsheet would run as a formula, maybe behind quotes this escaping already added.
const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * Neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) by
 * prefixing `'`; every export runs its text cells (names, notes, descriptions) through it.
 * Text already starting with quotes before such a character gets one more, so
 * {@link fromSpreadsheetSafe} gives back exactly what was written.
 * @example spreadsheetSafe('=HYPERLINK("http://evil")') // `'=HYPERLINK("http://evil")`
 */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

/** The inverse of {@link spreadsheetSafe}, for a file of ours imported back. */
export function fromSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell
}
