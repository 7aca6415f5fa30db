// importXlsx's sheet reader on a 400,000-row "sheet bomb", a full 7,000-household sheet, a shared-strings
// bomb (a million tiny strings) and a merge bomb (2,000 merges down to row 1,048,576): time and peak RSS
// of a child process that does only the parsing (process.resourceUsage().maxRSS, which counts every
// allocation the parse made, not a sample). For comparison, the first two files through exceljs's
// whole-workbook reader (what importXlsx used before), and a child that only loads the code. The
// whole-workbook reader is not run on the last two: it expands every merged cell (hours, gigabytes).
import { execFileSync } from 'child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { IMPORT_MAX_ROWS } from '../src/core/contract'

type Mode = 'baseline' | 'stream' | 'whole'

interface Measure {
  ms: number
  maxRssMb: number
  outcome: string
}

async function child(mode: Mode, file: string): Promise<void> {
  const bytes = readFileSync(file)
  // The code is loaded before the clock starts: the figures are the parse alone.
  const { readContactSheet } = await import('../server/lib/xlsx')
  const ExcelJS = (await import('exceljs')).default
  const started = performance.now()
  let outcome = ''
  if (mode === 'stream') {
    const stats = { rowsRead: 0 }
    try {
      outcome = `${(await readContactSheet(bytes, IMPORT_MAX_ROWS, stats)).rows.length} households`
    } catch (error) {
      outcome = `refused: ${(error as Error).message}`
    }
    outcome += `; ${stats.rowsRead.toLocaleString('en')} rows read`
  } else if (mode === 'whole') {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    outcome = `${workbook.worksheets[0].rowCount.toLocaleString('en')} rows loaded`
  } else {
    outcome = 'code loaded'
  }
  const ms = performance.now() - started
  const result: Measure = { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }
  process.stdout.write(JSON.stringify(result))
}

function measure(mode: Mode, file: string): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode, file], { cwd: join(__dirname, '..'), maxBuffer: 1 << 20 })
  return JSON.parse(out.toString()) as Measure
}

async function main(): Promise<void> {
  const { bigSheet, mergeBomb, sharedStringsBomb } = await import('../tests/fixtures/contact-sheets')
  const dir = mkdtempSync(join(tmpdir(), 'pingan-import-bench-'))
  try {
    const sheets: { label: string; bytes: Buffer; streamOnly?: boolean }[] = [
      { label: '400,000 filler rows (the sheet bomb)', bytes: bigSheet(400_000, { filler: true }) },
      { label: `${IMPORT_MAX_ROWS.toLocaleString('en')} households (the cap)`, bytes: bigSheet(IMPORT_MAX_ROWS) },
      { label: '1,000,000 shared strings (a shared-strings bomb)', bytes: sharedStringsBomb({ strings: 1_000_000 }), streamOnly: true },
      { label: '2,000 merges down to row 1,048,576 (a merge bomb)', bytes: mergeBomb({ households: 2000 }), streamOnly: true }
    ]
    const base = measure('baseline', join(__dirname, 'import.ts'))
    console.log(`child process with the reader and exceljs loaded, nothing parsed: peak RSS ${base.maxRssMb.toFixed(0)} MB`)
    for (const [i, sheet] of sheets.entries()) {
      const file = join(dir, `sheet-${i}.xlsx`)
      writeFileSync(file, sheet.bytes)
      console.log(`\n${sheet.label}, ${(sheet.bytes.length / 1024 / 1024).toFixed(2)} MB`)
      for (const mode of sheet.streamOnly ? (['stream'] as const) : (['stream', 'whole'] as const)) {
        const m = measure(mode, file)
        const name = mode === 'stream' ? 'readContactSheet (streaming)' : 'exceljs whole-workbook load (before)'
        console.log(`  ${name.padEnd(38)} ${(m.ms / 1000).toFixed(2).padStart(6)} s, peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB: ${m.outcome}`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const at = process.argv.indexOf('--child')
if (at > 0) void child(process.argv[at + 1] as Mode, process.argv[at + 2])
else void main()
