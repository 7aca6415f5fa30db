// Unpacks the Chromium that ships inside the npm package @sparticuz/chromium into os.tmpdir(), which the
// caller points at a private staging folder (TMPDIR). Prints the path of the binary.
// A separate ES-module process: the package is ESM only, and jest's CommonJS runtime cannot import it.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const { default: chromium, inflate } = await import('@sparticuz/chromium')
const executable = await chromium.executablePath()
// NSS and expat as built for Amazon Linux 2023: used only where the system has none (a slim container).
const bin = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin')
await inflate(join(bin, 'al2023.tar.br'))
process.stdout.write(executable)
