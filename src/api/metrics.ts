/**
 * `GET /metrics` in the Prometheus text format 0.0.4, and the body of
 * `GET /v1/health`. Counters count since the daemon started (Prometheus
 * handles the reset on restart); gauges are read at scrape time from the
 * node's status and the webhook dispatcher. The metrics carry no addresses,
 * names of customers or message content: only counts, and the names of the
 * business's own processors as the `webhook` label.
 */
import type { NodeApi, MessageView } from '../node/types.ts'
import type { WebhookDispatcher } from './webhooks.ts'

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** How long /v1/health waits for the node to answer before it reports it unhealthy. */
export const HEALTH_TIMEOUT_MS = 2000

export interface MetricsSource {
  render: () => Promise<string>
}

export interface HealthBody {
  ok: boolean
  /** Seconds since the API started. */
  uptime: number
  /** Set when not ok: the error code the node answered with, or TIMEOUT. */
  error?: string
}

/** Whether the node answers (its status, within HEALTH_TIMEOUT_MS) and for how long the API has run. Says nothing secret. */
export async function healthBody (node: NodeApi, startedAt: number, now: number = Date.now()): Promise<HealthBody> {
  const uptime = Math.max(0, Math.round((now - startedAt) / 1000))
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      node.status(),
      new Promise((_resolve, reject) => { timer = setTimeout(() => { reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })) }, HEALTH_TIMEOUT_MS) })
    ])
    return { ok: true, uptime }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    return { ok: false, uptime, error: typeof code === 'string' ? code : 'INTERNAL' }
  } finally {
    clearTimeout(timer)
  }
}

/** A label value, escaped as the text format requires. */
function label (value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

class Writer {
  readonly lines: string[] = []

  metric (name: string, type: 'counter' | 'gauge', help: string, samples: Array<{ labels?: Record<string, string>, value: number }>): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const s of samples) {
      const labels = Object.entries(s.labels ?? {}).map(([k, v]) => `${k}="${label(v)}"`).join(',')
      this.lines.push(`${name}${labels === '' ? '' : `{${labels}}`} ${Number.isFinite(s.value) ? String(s.value) : 'NaN'}`)
    }
  }
}

export interface MetricsInit {
  node: NodeApi
  webhooks?: WebhookDispatcher | undefined
  clock?: () => number
}

/** Counts messages from the node's events and renders every metric on demand. */
export class Metrics implements MetricsSource {
  readonly #node: NodeApi
  readonly #webhooks: WebhookDispatcher | undefined
  readonly #clock: () => number
  #received = 0
  #sent = 0

  constructor (init: MetricsInit) {
    this.#node = init.node
    this.#webhooks = init.webhooks
    this.#clock = init.clock ?? Date.now
  }

  start (): void { this.#node.on('message', this.#onMessage) }
  stop (): void { this.#node.off('message', this.#onMessage) }

  readonly #onMessage = (m: MessageView): void => {
    if (m.direction === 'in') this.#received++
    else if (m.direction === 'out') this.#sent++
  }

  async render (): Promise<string> {
    const w = new Writer()
    const status = await this.#node.status()
    w.metric('kabar_info', 'gauge', 'Always 1; the labels describe this kabar.', [{ labels: { version: status.version, role: status.role }, value: 1 }])
    w.metric('kabar_messages_received_total', 'counter', 'Messages received since the daemon started.', [{ value: this.#received }])
    w.metric('kabar_messages_sent_total', 'counter', 'Messages sent (queued for encryption and delivery) since the daemon started.', [{ value: this.#sent }])
    w.metric('kabar_outbox_depth', 'gauge', 'Envelopes waiting for an ack, across all peers.', [{ value: status.outbox }])
    w.metric('kabar_connections', 'gauge', 'Peers this node holds a connection to.', [{ value: status.connections }])
    w.metric('kabar_dht_peers', 'gauge', 'Peers in the DHT routing table.', [{ value: status.dhtPeers }])
    if (status.recordsPublishedAt !== undefined) {
      w.metric('kabar_record_age_seconds', 'gauge', 'Seconds since this node last published its DHT records.', [{ value: Math.max(0, (this.#clock() - status.recordsPublishedAt) / 1000) }])
    }
    const guard = status.guard
    if (guard !== undefined) {
      w.metric('kabar_peers_denied', 'gauge', 'Remote peers refused right now for going over their budget.', [{ value: guard.denied }])
      w.metric('kabar_peer_denials_total', 'counter', 'Times a remote peer went over its budget and was disconnected and refused.', [{ value: guard.denials }])
      w.metric('kabar_connections_refused_total', 'counter', 'Connections refused: their peer was denied or held too many connections.', [{ value: guard.refused }])
      w.metric('kabar_peer_cost_total', 'counter', 'What remote peers\' input cost, by kind (bytes in bytes, the rest in events).',
        Object.entries(guard.charged).map(([kind, value]) => ({ labels: { kind }, value })))
      w.metric('kabar_peers_tracked', 'gauge', 'Remote peers whose costs are being tracked.', [{ value: guard.tracked }])
      const p = guard.prekeys
      w.metric('kabar_prekey_handouts_total', 'counter', 'One-time prekey requests: handed (a key), refused (quota or limit: the initiator uses the last-resort keys).',
        [{ labels: { result: 'handed' }, value: p.handedOut }, { labels: { result: 'refused' }, value: p.refused }])
      w.metric('kabar_prekeys_expired_total', 'counter', 'One-time prekeys handed out and removed unused.', [{ value: p.expired }])
      w.metric('kabar_prekeys_outstanding', 'gauge', 'One-time prekeys handed out and not yet used.', [{ value: p.outstanding }])
    }
    const hooks = this.#webhooks
    if (hooks !== undefined) {
      w.metric('kabar_webhook_queue_depth', 'gauge', 'Log entries a webhook has yet to deliver.', hooks.list().map((h) => ({ labels: { webhook: h.processor }, value: h.queueDepth })))
      w.metric('kabar_webhook_failing', 'gauge', 'Failed attempts in a row on the message at the head of a webhook\'s queue.', hooks.list().map((h) => ({ labels: { webhook: h.processor }, value: h.failures })))
      w.metric('kabar_webhook_deliveries_total', 'counter', 'Webhook POST outcomes: ok (2xx), failed (retried), undisclosed (skipped: processor not in the profile).',
        hooks.deliveries().map((d) => ({ labels: { webhook: d.processor, result: d.result }, value: d.count })))
    }
    const cpu = process.cpuUsage()
    w.metric('process_cpu_seconds_total', 'counter', 'User and system CPU time spent, in seconds.', [{ value: (cpu.user + cpu.system) / 1e6 }])
    w.metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', [{ value: process.memoryUsage().rss }])
    w.metric('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.', [{ value: Math.round((this.#clock() - process.uptime() * 1000) / 1000) }])
    w.metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.', [{ value: process.memoryUsage().heapUsed }])
    return w.lines.join('\n') + '\n'
  }
}
