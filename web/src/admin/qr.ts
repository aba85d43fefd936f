// The otpauth:// URI as a QR code drawn on a canvas (no inline scripts, no images from data).
import qrcode from 'qrcode-generator';

const CELL_PX = 6;
const QUIET_ZONE_CELLS = 4;

export function qrCanvas(text: string): HTMLCanvasElement {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const size = (modules + 2 * QUIET_ZONE_CELLS) * CELL_PX;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  canvas.className = 'qr';
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size, size);
  context.fillStyle = '#000000';
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.isDark(row, col)) continue;
      context.fillRect((col + QUIET_ZONE_CELLS) * CELL_PX, (row + QUIET_ZONE_CELLS) * CELL_PX, CELL_PX, CELL_PX);
    }
  }
  return canvas;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP" (easier to type from the screen). */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/=+$/, '').replace(/(.{4})(?=.)/g, '$1 ');
}
