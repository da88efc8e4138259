// What src/http code may count (the outbound module: callback deliveries and refusals). The operations module
// implements it with Prometheus counters; without metrics the calls do nothing.
export type CallbackOutcome = 'delivered' | 'failed' | 'refused';

export interface MetricsPort {
  /** one outbound callback: delivered (2xx), failed (error or non-2xx after retries) or refused (address not allowed) */
  countCallback(outcome: CallbackOutcome, dialect?: string): void;
}

export const noMetrics: MetricsPort = { countCallback: () => undefined };
