import { describe, expect, it } from 'vitest'
import { fromSpreadsheetSafe, readCsv, spreadsheetSafe, toCsv } from './csv.ts'

describe('readCsv', () => {
  it('should read a BOM, CRLF line ends and quoted cells holding separators, quotes and line breaks', () => {
    const reading = readCsv('\ufeffsku,name\r\nA1,"Tea, ""green""\r\nloose"\r\nB2,Mug\r\n')
    expect(reading).toEqual({
      ok: true,
      separator: ',',
      records: [
        { row: 1, cells: ['sku', 'name'] },
        { row: 2, cells: ['A1', 'Tea, "green"\r\nloose'] },
        { row: 3, cells: ['B2', 'Mug'] },
      ],
    })
  })

  it('should detect semicolons and keep decimal commas whole', () => {
    const reading = readCsv('sku;name;price\nA1;Café, crème;12,50\nB2;"Thé; vert";1.234,50\n')
    expect(reading).toMatchObject({
      ok: true,
      separator: ';',
      records: [
        { cells: ['sku', 'name', 'price'] },
        { cells: ['A1', 'Café, crème', '12,50'] },
        { cells: ['B2', 'Thé; vert', '1.234,50'] },
      ],
    })
  })

  it('should detect tabs', () => {
    const reading = readCsv('sku\tname\tprice\nA1\tTea, green\t12,50\n')
    expect(reading).toMatchObject({
      ok: true,
      separator: '\t',
      records: [{ cells: ['sku', 'name', 'price'] }, { cells: ['A1', 'Tea, green', '12,50'] }],
    })
  })

  it('should read a header-only semicolon file as semicolon-separated', () => {
    expect(readCsv('sku;name;price\r\n')).toMatchObject({
      ok: true,
      separator: ';',
      records: [{ row: 1, cells: ['sku', 'name', 'price'] }],
    })
  })

  it('should keep reading our comma export whose option cells hold semicolons', () => {
    const text = toCsv([
      ['sku', 'name', 'price', 'options'],
      ['TEE', 'Tee', '19.90', 'Size: S | M; Color: Red | Blue'],
      ['CAP', 'Cap', '8.00', 'Size: S; Color: Red'],
    ])
    const reading = readCsv(text)
    expect(reading).toMatchObject({ ok: true, separator: ',' })
    expect(reading.ok && reading.records[1]?.cells[3]).toBe('Size: S | M; Color: Red | Blue')
  })

  it('should skip blank rows but number the others as a spreadsheet does', () => {
    const reading = readCsv('sku;price\n\nA1;1\n;\nB2;2\n')
    expect(reading.ok && reading.records.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'sku'],
      [3, 'A1'],
      [5, 'B2'],
    ])
  })

  it('should refuse a quote left open, naming its row', () => {
    expect(readCsv('sku,name\nA1,Tea\nB2,"Mug\n')).toEqual({
      ok: false,
      row: 3,
      message: 'A quoted cell opened on this row is never closed',
    })
  })

  it('should read back exactly what toCsv wrote', () => {
    const rows = [
      ['a', 'b,c', 'd"e', ' f', 'g\nh'],
      ['=1+1', '', 'x', 'y', 'z'],
    ]
    const reading = readCsv(toCsv(rows))
    expect(reading.ok && reading.records.map((r) => r.cells)).toEqual(rows)
  })
})

describe('spreadsheetSafe', () => {
  it('should neutralise formula cells and take the escaping back', () => {
    for (const cell of ['=SUM(A1)', "'=x", '-3', 'plain']) {
      expect(fromSpreadsheetSafe(spreadsheetSafe(cell))).toBe(cell)
    }
    expect(spreadsheetSafe('@cmd')).toBe("'@cmd")
  })
})
