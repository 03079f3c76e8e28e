/**
 * Zip writers stamp each entry with the current time. Pinning every entry's
 * DOS time and date (2026-01-05 00:00) makes a generated workbook the same
 * bytes on every run.
 */
export function pinZipTimes(zip) {
  const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5;
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('unexpected zip layout');
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
