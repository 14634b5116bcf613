/**
 * What every payment payload is made from: the order's amount, currency and code, and the
 * shape of the reasons a method's settings are refused.
 */
import { MAX_AMOUNT, toMajorUnits } from '../money.ts'

/** The order a payment request is for. */
export type PaymentOrder = {
  /** Total in the currency's minor units (centavos, paise, cents, satang). */
  amount: number
  /** ISO 4217 code of the shop's currency. */
  currency: string
  /** The order code (`K7Q2M9`): the reference the money arrives with. */
  code: string
}

/** Why a method's settings (or the order) cannot make a payload. */
export type SettingsProblem = {
  /** The settings field (`iban`, `key`, `merchantName`) or `currency`, `amount`, `code`. */
  field: string
  /** A stable code for translation (`invalid_iban_checksum`). */
  code: string
  /** The reason in English, for logs and API messages. */
  message: string
}

/** Thrown by the payload builders when settings or the order cannot make a payload. */
export class PaymentSettingsError extends Error {
  override name = 'PaymentSettingsError'
  readonly field: string
  readonly code: string

  constructor(problem: SettingsProblem) {
    super(problem.message)
    this.field = problem.field
    this.code = problem.code
  }
}

/** A {@link SettingsProblem}. */
export function problem(field: string, code: string, message: string): SettingsProblem {
  return { field, code, message }
}

/** Throws the problem, if any. */
export function throwIfProblem(found: SettingsProblem | null): void {
  if (found) throw new PaymentSettingsError(found)
}

/** Options of {@link orderProblem}. */
type OrderRules = {
  /** The one currency the method moves. */
  currency: string
  /** Largest amount in minor units (default {@link MAX_AMOUNT}). */
  maxAmount?: number
  /** What the code must look like, and how long it may be. */
  codePattern: RegExp
}

/**
 * The first reason the order cannot be paid with a method, or `null`: another currency, an
 * amount that is not a positive integer within the method's limit, or a code the method
 * cannot carry.
 */
export function orderProblem(order: PaymentOrder, rules: OrderRules): SettingsProblem | null {
  if (order.currency !== rules.currency) {
    return problem(
      'currency',
      'unsupported_currency',
      `This method takes ${rules.currency} only, not ${order.currency}`,
    )
  }
  const max = rules.maxAmount ?? MAX_AMOUNT
  if (!Number.isSafeInteger(order.amount) || order.amount <= 0 || order.amount > max) {
    return problem(
      'amount',
      'invalid_amount',
      `Amount must be a whole number of minor units from 1 to ${max}`,
    )
  }
  if (!rules.codePattern.test(order.code)) {
    return problem('code', 'invalid_code', `Order code ${order.code} cannot be carried`)
  }
  return null
}

/**
 * The amount as payment codes write it: major units with a `.` and all the currency's decimals.
 *
 * @example decimalAmount({ amount: 1234, currency: 'BRL', code: 'K7Q2M9' }) // '12.34'
 */
export function decimalAmount(order: PaymentOrder): string {
  return toMajorUnits(order.amount, order.currency)
}
