// A QR code drawn as SVG squares from qrcode-generator's modules (no markup strings, nothing for the CSP to refuse).
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

export function QrCode({ text, label }: { text: string; label: string }) {
  const cells = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const size = qr.getModuleCount();
    const dark: Array<[number, number]> = [];
    for (let row = 0; row < size; row += 1) for (let col = 0; col < size; col += 1) if (qr.isDark(row, col)) dark.push([col, row]);
    return { size, dark };
  }, [text]);
  const margin = 4;
  const extent = cells.size + margin * 2;
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${extent} ${extent}`} width={extent * 4} height={extent * 4}>
      <rect width={extent} height={extent} fill="#fff" />
      <path
        fill="#000"
        d={cells.dark.map(([x, y]) => `M${x + margin} ${y + margin}h1v1h-1z`).join('')}
      />
    </svg>
  );
}
