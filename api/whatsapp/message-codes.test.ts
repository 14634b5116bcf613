import { describe, expect, it } from 'vitest'
import { isCancelRequest, orderCodesIn, orderCodesInPayload } from './message-codes.ts'

describe('orderCodesIn', () => {
  it('should find a code with words around it, in any case, without #', () => {
    expect(orderCodesIn('hi, my order is a7k2q9 thanks')).toEqual(['A7K2Q9'])
  })

  it('should read Cyrillic and Greek look-alike letters as Latin ones', () => {
    expect(orderCodesIn('Order #А7К2Q9')).toEqual(['A7K2Q9'])
    expect(orderCodesIn('Order #Α7Κ2Q9')).toEqual(['A7K2Q9'])
  })

  it('should read full-width characters as ASCII', () => {
    expect(orderCodesIn('Receipt for ＃Ａ７Ｋ２Ｑ９')).toEqual(['A7K2Q9'])
  })

  it('should find the code of a button payload or reply id', () => {
    expect(orderCodesIn('confirm:A7K2Q9')).toEqual(['A7K2Q9'])
    expect(orderCodesIn('cancel:A7K2Q9')).toEqual(['A7K2Q9'])
  })

  it('should find nothing in ordinary text', () => {
    expect(orderCodesIn('Hi, is the mug still available?')).toEqual([])
  })
})

describe('orderCodesInPayload', () => {
  it('should read the code of our own payloads even when it has no digit', () => {
    expect(orderCodesInPayload('confirm:ABCDEF')).toEqual(['ABCDEF'])
    expect(orderCodesInPayload('cancel:a7k2q9')).toEqual(['A7K2Q9'])
    expect(orderCodesInPayload('ABCDEF')).toEqual(['ABCDEF'])
  })

  it('should search other payloads like text', () => {
    expect(orderCodesInPayload('order A7K2Q9 please')).toEqual(['A7K2Q9'])
    expect(orderCodesInPayload('confirm:whatever')).toEqual([])
  })
})

describe('isCancelRequest', () => {
  it('should tell cancel payloads from others', () => {
    expect(isCancelRequest('cancel:A7K2Q9')).toBe(true)
    expect(isCancelRequest('confirm:A7K2Q9')).toBe(false)
    expect(isCancelRequest(undefined)).toBe(false)
  })
})
