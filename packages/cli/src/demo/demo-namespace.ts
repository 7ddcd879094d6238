/**
 * The topic namespace the demo's services, its Kafka request and its ERP reader use: the demo's events never reach the
 * topics a developer's `npm start` consumes, and a new demo run starts after the last one's (same consumer groups).
 */
export const DEMO_NAMESPACE = 'demo';
