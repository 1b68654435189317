// Shapes of the price-alert channels (`alerts:*`) and the events they push.
export const alertChannels = {} as const;

export const alertEvents = {} as const;
