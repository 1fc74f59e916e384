/**
 * Worker threads for the engine part of a re-check (node:worker_threads; the engine is pure, so
 * it runs in a thread). Size 0 computes inline on the calling thread. A thread that dies fails
 * the batches it held (their claims lapse and another worker takes them) and is replaced.
 */
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'
import { computeBatch, type BatchResult, type PersonWork, type RunParams } from './compute.js'

interface Job {
  id: number
  work: PersonWork[]
  params: RunParams
  resolve(result: BatchResult): void
  reject(error: Error): void
}

const THREAD_URL = new URL(
  import.meta.url.endsWith('.ts') ? './engine-thread.ts' : './engine-thread.js',
  import.meta.url,
)

/**
 * Running from TypeScript sources (tsx, vitest), a thread does not inherit the TypeScript loader:
 * it starts from a tiny module that registers tsx's loader, then imports the thread's source.
 */
function threadEntry(): URL {
  if (!THREAD_URL.pathname.endsWith('.ts')) return THREAD_URL
  // The ES module build of tsx's API (its exports map's "import" condition).
  const tsxApi =
    typeof import.meta.resolve === 'function'
      ? import.meta.resolve('tsx/esm/api')
      : pathToFileURL(
          join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
        ).href
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(THREAD_URL.href)});`
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`)
}

export class EnginePool {
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Job>()
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  private started = false

  /** Threads start on the first batch, so a service that never re-checks starts none. */
  constructor(readonly size: number) {}

  private spawn(): Worker {
    const worker = new Worker(threadEntry(), { execArgv: [] })
    worker.on('message', (m: { id: number; result?: BatchResult; error?: string }) => {
      const job = this.busy.get(worker)
      this.busy.delete(worker)
      if (job && job.id === m.id) {
        if (m.error !== undefined) job.reject(new Error(m.error))
        else job.resolve(m.result!)
      }
      worker.unref()
      this.idle.push(worker)
      this.dispatch()
    })
    worker.on('error', (e) => this.lost(worker, e))
    worker.on('exit', (code) => {
      if (!this.closed) this.lost(worker, new Error(`engine thread exited with code ${code}`))
    })
    worker.unref()
    return worker
  }

  private lost(worker: Worker, error: Error) {
    const job = this.busy.get(worker)
    this.busy.delete(worker)
    const i = this.idle.indexOf(worker)
    if (i >= 0) this.idle.splice(i, 1)
    job?.reject(error)
    if (!this.closed && this.idle.length + this.busy.size < this.size) {
      this.idle.push(this.spawn())
      this.dispatch()
    }
  }

  private dispatch() {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const job = this.queue.shift()!
      this.busy.set(worker, job)
      // Keep the process alive while a thread holds a batch; idle threads do not.
      worker.ref()
      worker.postMessage({ id: job.id, work: job.work, params: job.params })
    }
  }

  /** How many batches can usefully run at once. */
  get parallelism(): number {
    return Math.max(1, this.size)
  }

  run(work: PersonWork[], params: RunParams): Promise<BatchResult> {
    if (this.size === 0) return Promise.resolve(computeBatch(work, params))
    if (this.closed) return Promise.reject(new Error('engine pool closed'))
    if (!this.started) {
      this.started = true
      for (let i = 0; i < this.size; i++) this.idle.push(this.spawn())
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, work, params, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('engine pool closed'))
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()))
  }
}
