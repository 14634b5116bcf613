import { describe, expect, it } from 'vitest'
import { variantOptionsProblem } from './variant-options.ts'

const options = [
  { name: 'Size', values: ['S', 'M'] },
  { name: 'Colour', values: ['Red', 'Blue'] },
]

describe('variantOptionsProblem', () => {
  it('accepts variants that each pick one offered value of every option', () => {
    expect(
      variantOptionsProblem(options, [
        { options: { Size: 'S', Colour: 'Red' } },
        { options: { Colour: 'Blue', Size: 'S' } },
      ]),
    ).toBeNull()
    expect(variantOptionsProblem([], [])).toBeNull()
  })

  it('refuses a variant that leaves an option out', () => {
    expect(variantOptionsProblem(options, [{ options: { Size: 'S' } }])).toEqual({
      index: 0,
      message: 'Choose a value of Colour',
    })
  })

  it('refuses names and values the product does not offer, and variants without options', () => {
    expect(
      variantOptionsProblem(options, [
        { options: { Size: 'S', Colour: 'Red' } },
        { options: { Size: 'S', Colour: 'Red', Fit: 'Slim' } },
      ]),
    ).toEqual({ index: 1, message: '"Fit" is not an option' })
    expect(variantOptionsProblem(options, [{ options: { Size: 'XL', Colour: 'Red' } }])).toEqual({
      index: 0,
      message: '"XL" is not a value of Size',
    })
    expect(variantOptionsProblem([], [{ options: {} }])?.message).toMatch(/options before/)
  })

  it('refuses two variants with the same values, whatever the order of their keys', () => {
    expect(
      variantOptionsProblem(options, [
        { options: { Size: 'M', Colour: 'Blue' } },
        { options: { Colour: 'Blue', Size: 'M' } },
      ]),
    ).toEqual({ index: 1, message: 'Another variant has these options' })
  })
})
