import { registerCatalogue } from '../i18n/index.js';
import { kiosk as enKiosk } from '../i18n/en/kiosk.js';
import { kiosk as zhKiosk } from '../i18n/zh-CN/kiosk.js';

/**
 * The kiosk's catalogue, which also holds the strings of the device panels the kiosk shares with the counter
 * (ID card, print status, simulated scan, the touch keyboard): each of them imports this, so they speak on the counter too.
 */
registerCatalogue('kiosk', zhKiosk, enKiosk);
