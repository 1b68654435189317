// Shapes of the notification channels (`notifications:*`) and the events they push.
export const notificationChannels = {} as const;

export const notificationEvents = {} as const;
