import Papa from 'papaparse'

// Files are read with Papa Parse in any of the separators spreadsheets write; they are written
// as RFC 4180 does: comma-separated, `"` quotes, `""` escapes, CRLF line ends.

/** The separators a product file may use: spreadsheets in France, Germany or Brazil write `;`. */
export type CsvSeparator = ',' | ';' | '\t'
const SEPARATORS: CsvSeparator[] = [',', ';', '\t']

/** One record of a CSV file with its row number as a spreadsheet shows it (the first is 1). */
export interface CsvRecord {
  row: number
  cells: string[]
}

export type CsvReading =
  | { ok: true; separator: CsvSeparator; records: CsvRecord[] }
  | { ok: false; row: number; message: string }

/**
 * Reads CSV text with Papa Parse, detecting the separator (`,`, `;` or tab) from its first rows.
 * Accepts a UTF-8 BOM, CRLF or LF line ends, quoted cells with separators, quotes and line
 * breaks. Rows with no text in any cell are left out; the others keep their row number, counted
 * as a spreadsheet counts them (blank rows included), so errors point at the right row.
 * @example readCsv('sku;price\r\nA1;12,50\r\n') // { ok: true, separator: ';', records: [...] }
 */
export function readCsv(text: string): CsvReading {
  // The separator is guessed from the first rows, blank ones aside; the file is then read with
  // its blank rows, so that every row keeps its number.
  const guess = Papa.parse<string[]>(text, {
    delimitersToGuess: SEPARATORS,
    skipEmptyLines: 'greedy',
    preview: 10,
  })
  const separator = SEPARATORS.find((s) => s === guess.meta.delimiter) ?? ','
  const result = Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: false })
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes')
  if (unclosed) {
    return {
      ok: false,
      row: (unclosed.row ?? 0) + 1,
      message: 'A quoted cell opened on this row is never closed',
    }
  }
  const records: CsvRecord[] = []
  result.data.forEach((cells, index) => {
    if (cells.some((cell) => cell.trim() !== '')) records.push({ row: index + 1, cells })
  })
  return { ok: true, separator, records }
}

/** The rows of a CSV file (see {@link readCsv}), or null when a quote is left open. */
export function parseCsv(text: string): string[][] | null {
  const reading = readCsv(text)
  return reading.ok ? reading.records.map((r) => r.cells) : null
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

/** A CSV download: UTF-8, never cached, never sniffed. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
