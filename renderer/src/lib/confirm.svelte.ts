// One confirmation dialog for the whole app, asked for with a promise: `if (await confirmAction(...))`.
export type ConfirmRequest = {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  resolve: (confirmed: boolean) => void;
};

export const confirmation: { request: ConfirmRequest | null } = $state({ request: null });

export function confirmAction(options: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  return new Promise((resolve) => {
    confirmation.request?.resolve(false);
    confirmation.request = { ...options, resolve };
  });
}

export function answerConfirmation(confirmed: boolean): void {
  const request = confirmation.request;
  confirmation.request = null;
  request?.resolve(confirmed);
}
