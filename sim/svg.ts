/**
 * A small SVG chart writer: axes with "nice" ticks, axis labels, a title,
 * a legend, and several series per chart (lines, steps, markers, bars).
 * Charts can be stacked into one document, on one x range when they share an
 * axis. No dependency: the output is plain SVG text that any browser shows.
 */

export interface Series {
  name: string
  points: ReadonlyArray<readonly [number, number]>
  /** Draw as a step function (a value holds until the next point). */
  step?: boolean
  /** Draw a dot at each point (for few points, e.g. a sweep). */
  markers?: boolean
  dashed?: boolean
  /** Draw as bars centred on each x (whole-number bins, e.g. hops); several bar series stand side by side. */
  bars?: boolean
}

export interface ChartSpec {
  title: string
  xLabel: string
  yLabel: string
  series: Series[]
  /** Force the y axis to include 0 (default true). */
  yFromZero?: boolean
  /** Force the x axis to include 0 (default false). */
  xFromZero?: boolean
  /** The x axis covers at least this range: stacked charts that share an axis pass the same one. */
  xDomain?: readonly [number, number]
  /** 'inside' (default): the plot's top-left corner; 'below': under the axis, where it covers nothing. */
  legend?: 'inside' | 'below'
  width?: number
  height?: number
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b']
const MARGIN = { left: 70, right: 20, top: 40, bottom: 50 }

function escape (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [min, max]. */
export function niceTicks (min: number, max: number, count = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0]
  if (max === min) max = min + 1
  const raw = (max - min) / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw
  const ticks: number[] = []
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  if ((ticks[ticks.length - 1] ?? min) < max) ticks.push(Number(((ticks[ticks.length - 1] ?? min) + step).toPrecision(12)))
  return ticks
}

/** Tick labels of one axis, all in one unit: "0, 5k, 10k", never "5000" beside "10k". */
export function formatTicks (ticks: readonly number[]): string[] {
  const largest = Math.max(0, ...ticks.map(Math.abs))
  const [divisor, suffix] = largest >= 1e6 ? [1e6, 'M'] : largest >= 1e4 ? [1e3, 'k'] : [1, '']
  return ticks.map((v) => v === 0 ? '0' : `${Number((v / divisor).toPrecision(4))}${suffix}`)
}

const LEGEND_ROW = 16

/** One chart as an SVG group, drawn at (0, 0) in a width × height box. */
export function chartGroup (spec: ChartSpec): { body: string, width: number, height: number } {
  const width = spec.width ?? 640
  const below = spec.legend === 'below'
  // A legend below the axis adds its rows to the chart's height; the plot keeps its size.
  const legendH = below ? spec.series.length * LEGEND_ROW + 8 : 0
  const height = (spec.height ?? 400) + legendH
  const plotW = width - MARGIN.left - MARGIN.right
  const plotH = height - legendH - MARGIN.top - MARGIN.bottom
  const all = spec.series.flatMap((s) => s.points)
  const bars = spec.series.filter((s) => s.bars === true)
  // Bars are centred on whole numbers: half a bin of room on each side.
  const pad = bars.length > 0 ? 0.5 : 0
  const xs = [...all.map((p) => p[0]), ...(spec.xDomain ?? [])]
  const ys = all.map((p) => p[1])
  const xTicks = bars.length > 0
    ? integerTicks(Math.min(spec.xFromZero === true ? 0 : Infinity, ...(xs.length > 0 ? xs : [0])), Math.max(...(xs.length > 0 ? xs : [1])))
    : niceTicks(Math.min(spec.xFromZero === true ? 0 : Infinity, ...(xs.length > 0 ? xs : [0])), Math.max(...(xs.length > 0 ? xs : [1])))
  const yMin = Math.min(spec.yFromZero === false ? Infinity : 0, ...(ys.length > 0 ? ys : [0]))
  const yMax = Math.max(...(ys.length > 0 ? ys : [1]))
  // Bars count things: whole-number ticks on y too (no "0.5 lookups").
  const yTicks = bars.length > 0 ? integerTicks(yMin, yMax) : niceTicks(yMin, yMax)
  const x0 = (xTicks[0] ?? 0) - pad
  const x1 = (xTicks[xTicks.length - 1] ?? 1) + pad
  const y0 = yTicks[0] ?? 0
  const y1 = yTicks[yTicks.length - 1] ?? 1
  const sx = (x: number): number => MARGIN.left + (x1 === x0 ? 0 : (x - x0) / (x1 - x0)) * plotW
  const sy = (y: number): number => MARGIN.top + plotH - (y1 === y0 ? 0 : (y - y0) / (y1 - y0)) * plotH
  const f = (n: number): string => n.toFixed(1)
  const parts: string[] = []
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`)
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(spec.title)}</text>`)
  const xLabels = formatTicks(xTicks)
  xTicks.forEach((t, i) => {
    parts.push(`<line x1="${f(sx(t))}" y1="${MARGIN.top}" x2="${f(sx(t))}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`)
    parts.push(`<line x1="${f(sx(t))}" y1="${MARGIN.top + plotH}" x2="${f(sx(t))}" y2="${MARGIN.top + plotH + 5}" stroke="black"/>`)
    parts.push(`<text x="${f(sx(t))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" font-size="11">${xLabels[i] ?? ''}</text>`)
  })
  const yLabels = formatTicks(yTicks)
  yTicks.forEach((t, i) => {
    parts.push(`<line x1="${MARGIN.left}" y1="${f(sy(t))}" x2="${MARGIN.left + plotW}" y2="${f(sy(t))}" stroke="#eee"/>`)
    parts.push(`<line x1="${MARGIN.left - 5}" y1="${f(sy(t))}" x2="${MARGIN.left}" y2="${f(sy(t))}" stroke="black"/>`)
    parts.push(`<text x="${MARGIN.left - 8}" y="${f(sy(t) + 4)}" text-anchor="end" font-size="11">${yLabels[i] ?? ''}</text>`)
  })
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="black"/>`)
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="black"/>`)
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH + 40}" text-anchor="middle" font-size="12">${escape(spec.xLabel)}</text>`)
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(spec.yLabel)}</text>`)
  // Side by side within a bin: each bar series takes an equal share of 80% of one unit.
  const barW = bars.length === 0 ? 0 : 0.8 * (sx(1) - sx(0)) / bars.length
  spec.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] ?? 'black'
    const ly = below ? MARGIN.top + plotH + 58 + i * LEGEND_ROW : MARGIN.top + 10 + i * LEGEND_ROW
    if (s.bars === true) {
      const slot = bars.indexOf(s)
      for (const [x, y] of s.points) {
        const left = sx(x) - 0.4 * (sx(1) - sx(0)) + slot * barW
        parts.push(`<rect x="${f(left)}" y="${f(sy(Math.max(y, y0)))}" width="${f(barW)}" height="${f(Math.abs(sy(y0) - sy(y)))}" fill="${color}"${s.dashed === true ? ' fill-opacity="0.55"' : ''}/>`)
      }
      parts.push(`<rect x="${MARGIN.left + 12}" y="${ly - 5}" width="20" height="10" fill="${color}"${s.dashed === true ? ' fill-opacity="0.55"' : ''}/>`)
      parts.push(`<text x="${MARGIN.left + 38}" y="${ly + 4}" font-size="11">${escape(s.name)}</text>`)
      return
    }
    const pts: string[] = []
    s.points.forEach(([x, y], j) => {
      const prev = s.points[j - 1]
      if (s.step === true && prev !== undefined) pts.push(`${f(sx(x))},${f(sy(prev[1]))}`)
      pts.push(`${f(sx(x))},${f(sy(y))}`)
    })
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} points="${pts.join(' ')}"/>`)
    if (s.markers === true || s.points.length === 1) {
      for (const [x, y] of s.points) parts.push(`<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="3.5" fill="${color}"/>`)
    }
    parts.push(`<line x1="${MARGIN.left + 12}" y1="${ly}" x2="${MARGIN.left + 32}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`)
    parts.push(`<text x="${MARGIN.left + 38}" y="${ly + 4}" font-size="11">${escape(s.name)}</text>`)
  })
  return { body: parts.join('\n'), width, height }
}

/** Whole-number ticks (at least 1 apart) covering [min, max], for bars on whole-number bins. */
export function integerTicks (min: number, max: number): number[] {
  return niceTicks(Math.floor(min), Math.max(Math.ceil(max), Math.floor(min) + 1)).filter((t) => Number.isInteger(t))
}

/** A standalone SVG document of one or more charts stacked top to bottom. */
export function svgDocument (charts: ChartSpec[]): string {
  const groups = charts.map(chartGroup)
  const width = Math.max(...groups.map((g) => g.width))
  let y = 0
  const body = groups.map((g) => {
    const out = `<g transform="translate(0 ${y})">\n${g.body}\n</g>`
    y += g.height
    return out
  }).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="sans-serif">\n${body}\n</svg>\n`
}
