/**
 * The text of a text-based PDF, with pdfjs-dist (Mozilla's PDF.js, legacy build for Node; no
 * network, no canvas needed for text). A scanned PDF has no text layer: the caller says so and
 * asks for the text to be pasted instead (no offline OCR is used).
 */
export class PdfTextError extends Error {}

export async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  let doc
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise
  } catch {
    throw new PdfTextError('The file is not a PDF SafeRelease can read')
  }
  try {
    const pages: string[] = []
    for (let i = 1; i <= Math.min(doc.numPages, 50); i++) {
      const page = await doc.getPage(i)
      const content = await page.getTextContent()
      let line = ''
      const lines: string[] = []
      for (const item of content.items) {
        if (!('str' in item)) continue
        line += item.str
        if (item.hasEOL) {
          lines.push(line)
          line = ''
        }
      }
      if (line) lines.push(line)
      pages.push(lines.join('\n'))
    }
    const text = pages.join('\n\n').trim()
    if (text === '')
      throw new PdfTextError(
        'This PDF has no text in it (it may be a scan). Paste the text of the document instead.',
      )
    return text
  } finally {
    await doc.destroy()
  }
}
