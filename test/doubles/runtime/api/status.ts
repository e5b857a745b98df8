// metav1.Status bodies, as the real apiserver sends them for errors.

/** An API error: HTTP code, reason, message (the body is a Status). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The Status object for an error (or success, for DELETE). */
export function statusBody(code: number, reason: string, message: string, details?: Record<string, unknown>): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 300 ? 'Success' : 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** `<resource>.<group> "<name>" not found` */
export const notFound = (resource: string, group: string, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${resource}${group ? `.${group}` : ''} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const invalid = (kind: string, name: string, message: string): ApiError =>
  new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${message}`, { name, kind });
