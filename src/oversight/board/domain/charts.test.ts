import { describe, expect, it } from 'vitest'
import { barChart, columnChart, lineChart, niceScale, NO_FIGURES, toSvg } from './charts.js'

describe('board charts', () => {
  it('chooses round axis steps, whole ones for counts', () => {
    expect(niceScale(7)).toEqual({ max: 8, step: 2 })
    expect(niceScale(0.9)).toEqual({ max: 1, step: 0.5 })
    expect(niceScale(1, { whole: true })).toEqual({ max: 1, step: 1 })
    expect(niceScale(230, { whole: true })).toEqual({ max: 300, step: 100 })
    expect(niceScale(0, { whole: true })).toEqual({ max: 1, step: 1 })
  })

  it('draws one column per value and leaves a missing value out', () => {
    const chart = columnChart({
      id: 'c',
      title: 'T',
      description: 'D',
      categories: ['a', 'b', 'c'],
      series: [{ name: 'S', values: [1, null, 3], colour: '#000000' }],
      yLabel: 'n',
    })
    // one legend key + two columns
    expect(chart.shapes.filter((s) => s.kind === 'rect')).toHaveLength(3)
  })

  it('breaks a line at a month with no value instead of drawing through it', () => {
    const chart = lineChart({
      id: 'l',
      title: 'T',
      description: 'D',
      categories: ['a', 'b', 'c', 'd', 'e'],
      series: [{ name: 'S', values: [1, 2, null, 3, 4], colour: '#000000' }],
      yLabel: 'n',
    })
    const lines = chart.shapes.filter((s) => s.kind === 'polyline')
    expect(lines.map((l) => (l.kind === 'polyline' ? l.points.length : 0))).toEqual([2, 2])
  })

  it('says so when there is nothing to draw', () => {
    const chart = lineChart({
      id: 'l',
      title: 'T',
      description: 'D',
      categories: ['a'],
      series: [{ name: 'S', values: [null], colour: '#000000' }],
      yLabel: 'n',
    })
    expect(toSvg(chart)).toContain(NO_FIGURES)
  })

  it('writes titled, described SVG and escapes text', () => {
    const svg = toSvg(
      barChart({
        id: 'b',
        title: 'Causes <by> "prison"',
        description: 'A & B',
        categories: ['Leeds & <York>'],
        series: [{ name: 'S', values: [2], colour: '#000000' }],
        xLabel: 'n',
      }),
    )
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="b-title b-desc"/)
    expect(svg).toContain('<title id="b-title">Causes &lt;by&gt; &quot;prison&quot;</title>')
    expect(svg).toContain('<desc id="b-desc">A &amp; B</desc>')
    expect(svg).toContain('Leeds &amp; &lt;York&gt;')
    expect(svg).not.toContain('<York>')
  })
})
