/** The signed-in merchant as the API shows it: never the password hash. */
export function merchantJson(merchant: { id: string; email: string }) {
  return { id: merchant.id, email: merchant.email }
}
