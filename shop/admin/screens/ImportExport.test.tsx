// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { countText, importDoneText } from './ImportExport.tsx'

afterEach(() => setAdminLanguage('en'))

describe('import counts', () => {
  it('should say 1 row and 2 rows in English', () => {
    setAdminLanguage('en')
    expect(countText('importRefused', 1)).toBe('Nothing was imported: 1 row needs fixing.')
    expect(countText('importRefused', 2)).toBe('Nothing was imported: 2 rows need fixing.')
    expect(countText('importRefused', 1200)).toBe('Nothing was imported: 1,200 rows need fixing.')
  })

  it('should agree French words with their counts, 0 and 1 being singular', () => {
    setAdminLanguage('fr')
    expect(countText('importRefused', 1)).toBe('Rien n’a été importé : 1 ligne à corriger.')
    expect(countText('importRefused', 3)).toBe('Rien n’a été importé : 3 lignes à corriger.')
    expect(importDoneText({ created: 1, updated: 0, unchanged: 12 })).toBe(
      'Importé : 1 nouveau, 0 modifié, 12 inchangés.',
    )
  })

  it('should write the English summary of an import', () => {
    setAdminLanguage('en')
    expect(importDoneText({ created: 1, updated: 2, unchanged: 0 })).toBe(
      'Imported: 1 new, 2 updated, 0 unchanged.',
    )
  })
})
