/**
 * The QR code of an invite link, as an SVG image the web page shows with an
 * `<img>` (so no markup of ours is parsed into the page). Drawn by `qr`
 * (paulmillr/qr: no dependencies, the author of the noble libraries kabar
 * already uses); docs/DECISIONS.md says why this one.
 */
import encodeQR from 'qr'

/** Medium error correction: an invite (400–900 characters) stays a QR code phones read from a screen. */
export function inviteQrSvg (link: string): string {
  return encodeQR(link, 'svg', { ecc: 'medium', border: 2, optimize: true })
}
