/** A worker thread running the engine part of re-check batches (see pool.ts). */
import { parentPort } from 'node:worker_threads'
import { computeBatch, type PersonWork, type RunParams } from './compute.js'

parentPort?.on('message', (message: { id: number; work: PersonWork[]; params: RunParams }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: computeBatch(message.work, message.params) })
  } catch (e) {
    parentPort?.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) })
  }
})
