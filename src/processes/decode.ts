/**
 * Text from a Windows tool that may answer in UTF-16LE (wsl.exe's own messages without
 * WSL_UTF8=1, older WSL versions ignoring it) or in UTF-8 (Linux programs inside WSL, and
 * everything else). A byte-order mark, or NULs in most odd positions, means UTF-16LE.
 */
export function decodeAuto(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString('utf16le')
  }
  const pairs = Math.floor(bytes.length / 2)
  if (pairs > 0) {
    let zeros = 0
    for (let i = 1; i < pairs * 2; i += 2) if (bytes[i] === 0) zeros++
    if (zeros / pairs > 0.4) return bytes.subarray(0, pairs * 2).toString('utf16le')
  }
  return bytes.toString('utf8')
}
