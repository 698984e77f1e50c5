// The error-queue message posted after a push delivery's last failed attempt (§4.8.6). It
// carries `code` and `msg` both per subscriber (v3 clients) and at the top level (v1 clients).

export interface FailedDelivery {
  messageId: string;
  body: string;
  /** The subscriber's headers and the message's push_headers (not the Iron-* ones the pusher adds). */
  headers: Record<string, string>;
  subscriberName: string;
  url: string;
  /** HTTP status of the last attempt; 0 when no response arrived. */
  statusCode: number;
  errorMessage: string | null;
}

export function errorReportBody(failure: FailedDelivery): string {
  const msg = failure.errorMessage ?? `Subscriber answered ${failure.statusCode}`;
  return JSON.stringify({
    source_msg_id: failure.messageId,
    body: failure.body,
    headers: failure.headers,
    subscribers: [{ name: failure.subscriberName, url: failure.url, code: failure.statusCode, msg }],
    code: failure.statusCode,
    msg,
  });
}

/**
 * The message that failed, out of an error report (the inverse of errorReportBody): what a
 * redrive from an error queue sends back. Undefined when the body is not such a report.
 */
export function failedMessageBody(reportBody: string): string | undefined {
  let report: unknown;
  try {
    report = JSON.parse(reportBody);
  } catch {
    return undefined;
  }
  if (typeof report !== 'object' || report === null) return undefined;
  const { body, source_msg_id: sourceId } = report as Record<string, unknown>;
  return typeof body === 'string' && typeof sourceId === 'string' ? body : undefined;
}
