/** A product option as shoppers choose it: a name and the values it offers. */
export interface VariantOption {
  name: string
  values: string[]
}

/** What a variant says about the options: a value for each option name. */
export interface VariantChoice {
  options: Record<string, string>
}

/**
 * The one rule for variants, for the API and the CSV import alike: a product with variants has
 * options; every variant picks exactly one offered value of every option (no other names), and no
 * two variants pick the same values. Returns the first broken rule, or null.
 * @example variantOptionsProblem([{ name: 'Size', values: ['S', 'M'] }], [{ options: {} }])
 * // { index: 0, message: 'Choose a value of Size' }
 */
export function variantOptionsProblem(
  options: readonly VariantOption[],
  variants: readonly VariantChoice[],
): { index: number; message: string } | null {
  if (variants.length > 0 && options.length === 0)
    return { index: 0, message: 'Give the product its options before its variants' }
  const seen = new Set<string>()
  for (const [index, variant] of variants.entries()) {
    for (const name of Object.keys(variant.options)) {
      if (!options.some((o) => o.name === name))
        return { index, message: `"${name}" is not an option` }
    }
    for (const option of options) {
      const value = variant.options[option.name]
      if (value === undefined) return { index, message: `Choose a value of ${option.name}` }
      if (!option.values.includes(value))
        return { index, message: `"${value}" is not a value of ${option.name}` }
    }
    const key = JSON.stringify(options.map((o) => variant.options[o.name]))
    if (seen.has(key)) return { index, message: 'Another variant has these options' }
    seen.add(key)
  }
  return null
}
