/**
 * The monthly pack as a PDF (pdfkit, built-in Helvetica, A4 landscape): the same sections as the
 * HTML page, each chart drawn from the same shapes as its SVG, each table below it.
 */
import PDFDocument from 'pdfkit'
import type { Chart } from '../domain/charts.js'
import type { PackSection, Table } from '../domain/pack.js'

const MARGIN = 40

function drawChart(doc: PDFKit.PDFDocument, chart: Chart, maxWidth: number) {
  const scale = Math.min(1, maxWidth / chart.width)
  const height = chart.height * scale
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage()
  const ox = MARGIN
  const oy = doc.y
  doc.save()
  doc.translate(ox, oy).scale(scale)
  for (const s of chart.shapes) {
    switch (s.kind) {
      case 'rect':
        if (s.w > 0 && s.h > 0) doc.rect(s.x, s.y, s.w, s.h).fill(s.fill)
        break
      case 'line':
        doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width).stroke(s.stroke)
        break
      case 'polyline': {
        const [first, ...rest] = s.points
        if (!first) break
        doc.moveTo(first[0], first[1])
        for (const [x, y] of rest) doc.lineTo(x, y)
        doc.lineWidth(s.width).stroke(s.stroke)
        break
      }
      case 'circle':
        doc.circle(s.cx, s.cy, s.r).fill(s.fill)
        break
      case 'text': {
        doc
          .font(s.bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(s.size)
          .fillColor(s.fill)
        const w = doc.widthOfString(s.text)
        const x = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x
        // SVG puts text on its baseline; pdfkit at its top.
        doc.text(s.text, x, s.y - s.size * 0.8, { lineBreak: false })
        break
      }
    }
  }
  doc.restore()
  doc.x = MARGIN
  doc.y = oy + height + 8
}

const cell = (v: string | number | null) => (v === null ? '—' : String(v))

function drawTable(doc: PDFKit.PDFDocument, table: Table, width: number) {
  const first = Math.min(230, width * 0.3)
  const rest = (width - first) / Math.max(1, table.columns.length - 1)
  const widths = table.columns.map((_, i) => (i === 0 ? first : rest))
  const row = (cells: string[], bold: boolean) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8)
      .fillColor('#0b0c0c')
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage()
    const y = doc.y
    let x = MARGIN
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: widths[i]! - 6, align: i === 0 ? 'left' : 'right' })
      x += widths[i]!
    })
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .stroke('#b1b4b6')
    doc.x = MARGIN
    doc.y = y + h
  }
  row(table.columns, true)
  for (const r of table.rows) row(r.map(cell), false)
  doc.moveDown()
}

export function packPdf(input: {
  title: string
  subtitle: string
  sections: PackSection[]
}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      info: { Title: input.title, Subject: input.subtitle },
    })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const width = doc.page.width - MARGIN * 2
    doc.font('Helvetica-Bold').fontSize(20).fillColor('#0b0c0c').text(input.title)
    doc.font('Helvetica').fontSize(11).text(input.subtitle).moveDown()
    input.sections.forEach((s, i) => {
      if (i > 0 && doc.y > doc.page.height * 0.55) doc.addPage()
      doc.font('Helvetica-Bold').fontSize(14).fillColor('#0b0c0c').text(s.heading, MARGIN, doc.y, { width })
      doc.font('Helvetica').fontSize(9).text(s.intro, { width }).moveDown(0.5)
      if (s.chart) drawChart(doc, s.chart, Math.min(width, 640))
      drawTable(doc, s.table, width)
    })
    doc.end()
  })
}
