// The "continue on your phone" QR code: its own chunk, fetched only when a visitor asks for it.
import { create } from 'qrcode/lib/core/qrcode.js'

/** An SVG path drawing the dark modules of a QR code for `text`, with its size in modules. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  let d = ''
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`
    }
  }
  return { size: modules.size, d }
}
