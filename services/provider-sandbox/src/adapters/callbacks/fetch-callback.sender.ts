import type { CallbackSender } from '../../app/ports.ts';

/**
 * Posts callbacks with Node's fetch. Only a 2xx counts as delivered; redirects are not followed (a receiver that
 * moved must be reconfigured, not silently chased), and the response body is drained so sockets are reused.
 */
export function fetchCallbackSender(): CallbackSender {
  return {
    async send({ url, body, headers, timeoutMs }) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          body,
          headers,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
        return { ok: false, status: response.status, error: `receiver answered ${response.status}` };
      } catch (error) {
        const reason =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        return { ok: false, status: null, error: reason };
      }
    },
  };
}
