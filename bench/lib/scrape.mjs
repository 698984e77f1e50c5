// One GET /metrics of a bench server (no metrics token: the bench servers set none); resolves
// with its round trip in ms.
import http from 'node:http';

export function scrapeMetrics(port) {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - startedAt) : reject(new Error(`scrape ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}
