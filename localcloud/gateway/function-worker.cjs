// Runs cloud functions inside a worker thread, one call at a time.
// wx-server-sdk's getWXContext() reads process.env; a worker has its own copy of process.env,
// and serving one call at a time means no call can ever see another caller's OPENID.
const { parentPort } = require('worker_threads')

parentPort.on('message', async ({ id, file, event, openid, source }) => {
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID'
  process.env.WX_OPENID = openid || ''
  process.env.WX_APPID = 'local-appid'
  process.env.TCB_SOURCE = source
  try {
    const fn = require(file)
    const result = await fn.main(event, { function_name: file, request_id: String(id) })
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : result })
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: String((error && error.stack) || error) })
  } finally {
    process.env.WX_OPENID = ''
  }
})
