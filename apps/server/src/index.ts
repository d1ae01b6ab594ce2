export { createApp } from './app.ts';
export { closeServices, openServices, type RunningServer, startServer } from './server.ts';
export { signWebhook } from './services/webhooks.ts';
export { type Settings, settingsFromEnv } from './settings.ts';
