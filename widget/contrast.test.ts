import { describe, expect, it } from 'vitest'
import { colorChannels, contrastRatio, textColorOn } from './contrast.ts'

const WHITE = [255, 255, 255]
const BLACK = [0, 0, 0]

describe('textColorOn', () => {
  it('should put black text on the default WhatsApp green, where white is about 2:1', () => {
    const green = colorChannels('#25d366')
    expect(contrastRatio(WHITE, green)).toBeLessThan(2)
    expect(textColorOn(green)).toBe('#000')
  })

  it('should keep white text on dark colours', () => {
    expect(textColorOn(colorChannels('#0055aa'))).toBe('#fff')
    expect(textColorOn(colorChannels('#075e54'))).toBe('#fff')
    expect(textColorOn(BLACK)).toBe('#fff')
  })

  it('should reach 4.5:1 on every colour of a 4,096-colour grid', () => {
    let worst = 21
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const text = textColorOn([r, g, b]) === '#fff' ? WHITE : BLACK
          worst = Math.min(worst, contrastRatio(text, [r, g, b]))
        }
    expect(worst).toBeGreaterThanOrEqual(4.5)
  })

  it('should read the colour as the browser computes it', () => {
    expect(colorChannels('rgb(37, 211, 102)')).toEqual([37, 211, 102])
    expect(textColorOn(colorChannels('rgb(37, 211, 102)'))).toBe('#000')
  })
})

describe('contrastRatio', () => {
  it('should give 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21)
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21)
    expect(contrastRatio([37, 211, 102], [37, 211, 102])).toBe(1)
  })
})
