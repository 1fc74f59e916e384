/**
 * Charts for the board pack, laid out once as plain shapes (rectangles, lines, text) and drawn
 * twice: as SVG for the HTML page (server-rendered, no JavaScript) and onto the PDF by the
 * service. One layout keeps the page and the PDF identical. See docs/decisions (charts ADR).
 * Every chart has a table beside it on the page; the shapes carry no data the table does not.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | {
      kind: 'line'
      x1: number
      y1: number
      x2: number
      y2: number
      stroke: string
      width: number
      dash?: boolean
    }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | {
      kind: 'text'
      x: number
      y: number
      text: string
      size: number
      anchor: 'start' | 'middle' | 'end'
      fill: string
      bold?: boolean
    }

export interface Chart {
  id: string
  title: string
  /** One sentence for screen readers: what the chart shows (the table has the figures). */
  description: string
  width: number
  height: number
  shapes: Shape[]
}

export interface Series {
  name: string
  values: (number | null)[]
  colour: string
}

/** GOV.UK Design System colours: blue, orange, then dark grey. */
export const PALETTE = ['#1d70b8', '#f47738', '#505a5f', '#00703c'] as const
const TEXT = '#0b0c0c'
const AXIS = '#505a5f'
const GRID = '#dedede'

/**
 * A "nice" axis maximum and step (1, 2 or 5 × 10ⁿ) above `max`; whole steps for counts (a
 * count axis never reads "0.5 people").
 */
export function niceScale(
  max: number,
  options: { ticks?: number; whole?: boolean } = {},
): { max: number; step: number } {
  const ticks = options.ticks ?? 4
  if (!(max > 0)) return options.whole ? { max: 1, step: 1 } : { max: 1, step: 0.25 }
  const rough = max / ticks
  const power = 10 ** Math.floor(Math.log10(rough))
  let step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!
  if (options.whole) step = Math.max(1, Math.round(step))
  return { max: Math.ceil(max / step - 1e-9) * step, step }
}

const fmt = (n: number) => String(Number(n.toFixed(2)))

/** Said inside a chart with nothing to draw, so an empty chart is not read as all zeros. */
export const NO_FIGURES = 'No figures for these months'

function legend(series: Series[], x: number, y: number): Shape[] {
  const out: Shape[] = []
  let at = x
  for (const s of series) {
    out.push({ kind: 'rect', x: at, y: y - 9, w: 12, h: 12, fill: s.colour })
    out.push({ kind: 'text', x: at + 16, y, text: s.name, size: 12, anchor: 'start', fill: TEXT })
    at += 24 + s.name.length * 6.5
  }
  return out
}

function frame(
  categories: string[],
  series: Series[],
  options: { width: number; height: number; yLabel: string; whole?: boolean },
) {
  const left = 48
  const right = 12
  const top = 34
  const bottom = 44
  const plotW = options.width - left - right
  const plotH = options.height - top - bottom
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null)
  const scale = niceScale(Math.max(0, ...values), { whole: options.whole ?? false })
  const y = (v: number) => top + plotH - (v / scale.max) * plotH
  const shapes: Shape[] = [...legend(series, left, 16)]
  if (values.length === 0)
    shapes.push({
      kind: 'text',
      x: left + plotW / 2,
      y: top + plotH / 2,
      text: NO_FIGURES,
      size: 13,
      anchor: 'middle',
      fill: AXIS,
    })
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    shapes.push({ kind: 'line', x1: left, y1: y(v), x2: left + plotW, y2: y(v), stroke: GRID, width: 1 })
    shapes.push({ kind: 'text', x: left - 6, y: y(v) + 4, text: fmt(v), size: 11, anchor: 'end', fill: AXIS })
  }
  shapes.push({
    kind: 'line',
    x1: left,
    y1: top + plotH,
    x2: left + plotW,
    y2: top + plotH,
    stroke: AXIS,
    width: 1,
  })
  shapes.push({
    kind: 'text',
    x: left,
    y: options.height - 4,
    text: options.yLabel,
    size: 11,
    anchor: 'start',
    fill: AXIS,
  })
  const band = plotW / Math.max(1, categories.length)
  categories.forEach((c, i) =>
    shapes.push({
      kind: 'text',
      x: left + band * i + band / 2,
      y: top + plotH + 16,
      text: c,
      size: 11,
      anchor: 'middle',
      fill: AXIS,
    }),
  )
  return { shapes, left, top, plotW, plotH, band, y }
}

/** Grouped columns: one group per category (e.g. month), one column per series. */
export function columnChart(input: {
  id: string
  title: string
  description: string
  categories: string[]
  series: Series[]
  yLabel: string
  width?: number
  height?: number
}): Chart {
  const width = input.width ?? 640
  const height = input.height ?? 260
  const f = frame(input.categories, input.series, { width, height, yLabel: input.yLabel, whole: true })
  const inner = f.band * 0.75
  const barW = inner / Math.max(1, input.series.length)
  input.categories.forEach((_, i) =>
    input.series.forEach((s, j) => {
      const v = s.values[i]
      if (v === null || v === undefined) return
      const top = f.y(v)
      f.shapes.push({
        kind: 'rect',
        x: f.left + f.band * i + (f.band - inner) / 2 + barW * j,
        y: top,
        w: Math.max(1, barW - 1),
        h: f.top + f.plotH - top,
        fill: s.colour,
      })
    }),
  )
  return { id: input.id, title: input.title, description: input.description, width, height, shapes: f.shapes }
}

/** Lines over categories; a missing value breaks the line (no rate is invented). */
export function lineChart(input: {
  id: string
  title: string
  description: string
  categories: string[]
  series: Series[]
  yLabel: string
  width?: number
  height?: number
}): Chart {
  const width = input.width ?? 640
  const height = input.height ?? 260
  const f = frame(input.categories, input.series, { width, height, yLabel: input.yLabel })
  for (const s of input.series) {
    let run: [number, number][] = []
    const flush = () => {
      if (run.length > 1) f.shapes.push({ kind: 'polyline', points: run, stroke: s.colour, width: 2.5 })
      run = []
    }
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return flush()
      const point: [number, number] = [f.left + f.band * i + f.band / 2, f.y(v)]
      run.push(point)
      f.shapes.push({ kind: 'circle', cx: point[0], cy: point[1], r: 3.5, fill: s.colour })
    })
    flush()
  }
  return { id: input.id, title: input.title, description: input.description, width, height, shapes: f.shapes }
}

/** Horizontal grouped bars: one row per category (a prison, a root cause), one bar per series. */
export function barChart(input: {
  id: string
  title: string
  description: string
  categories: string[]
  series: Series[]
  xLabel: string
  width?: number
}): Chart {
  const width = input.width ?? 640
  const rowH = 14 * Math.max(1, input.series.length) + 10
  const left = Math.min(300, 16 + Math.max(...input.categories.map((c) => c.length), 4) * 6.2)
  const top = 30
  const plotW = width - left - 40
  const height = top + rowH * input.categories.length + 36
  const values = input.series.flatMap((s) => s.values).filter((v): v is number => v !== null)
  const scale = niceScale(Math.max(0, ...values), { whole: true })
  const x = (v: number) => left + (v / scale.max) * plotW
  const shapes: Shape[] = [...legend(input.series, left, 16)]
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step) {
    shapes.push({ kind: 'line', x1: x(v), y1: top, x2: x(v), y2: height - 36, stroke: GRID, width: 1 })
    shapes.push({
      kind: 'text',
      x: x(v),
      y: height - 22,
      text: fmt(v),
      size: 11,
      anchor: 'middle',
      fill: AXIS,
    })
  }
  shapes.push({
    kind: 'text',
    x: left,
    y: height - 4,
    text: input.xLabel,
    size: 11,
    anchor: 'start',
    fill: AXIS,
  })
  input.categories.forEach((c, i) => {
    const rowTop = top + rowH * i
    shapes.push({
      kind: 'text',
      x: left - 6,
      y: rowTop + rowH / 2 + 4,
      text: c.length > 46 ? `${c.slice(0, 45)}…` : c,
      size: 11,
      anchor: 'end',
      fill: TEXT,
    })
    input.series.forEach((s, j) => {
      const v = s.values[i]
      if (v === null || v === undefined) return
      const y = rowTop + 5 + 14 * j
      shapes.push({
        kind: 'rect',
        x: left,
        y,
        w: Math.max(v > 0 ? 1 : 0, x(v) - left),
        h: 12,
        fill: s.colour,
      })
      shapes.push({
        kind: 'text',
        x: x(v) + 4,
        y: y + 10,
        text: fmt(v),
        size: 10,
        anchor: 'start',
        fill: TEXT,
      })
    })
  })
  shapes.push({ kind: 'line', x1: left, y1: top, x2: left, y2: height - 36, stroke: AXIS, width: 1 })
  return { id: input.id, title: input.title, description: input.description, width, height, shapes }
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const n = (v: number) => String(Math.round(v * 10) / 10)

/** The chart as an SVG element (inline in the page; titled and described for screen readers). */
export function toSvg(chart: Chart): string {
  const body = chart.shapes
    .map((s) => {
      switch (s.kind) {
        case 'rect':
          return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"/>`
        case 'line':
          return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ' stroke-dasharray="4 3"' : ''}/>`
        case 'polyline':
          return `<polyline points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`
        case 'circle':
          return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${s.r}" fill="${s.fill}"/>`
        case 'text':
          return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${esc(s.text)}</text>`
      }
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chart.width} ${chart.height}" width="100%" style="max-width:${chart.width}px" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" font-family="GDS Transport, Arial, sans-serif"><title id="${chart.id}-title">${esc(chart.title)}</title><desc id="${chart.id}-desc">${esc(chart.description)}</desc>${body}</svg>`
}
