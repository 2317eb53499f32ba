/**
 * The ILM policy our index template points at (Elasticsearch only; OpenSearch has ISM instead and
 * we leave retention there to the operator). Rollover follows Elastic's default `logs` policy
 * (50 GB primary shard or one day, whichever first); the 30-day delete matches Exchange's own
 * default retention of message tracking logs (MessageTrackingLogMaxAge, 30 days).
 */
export function ilmPolicy(): { name: string; body: object } {
  return {
    name: 'msgtrack-messagetracking',
    body: {
      policy: {
        _meta: { managed_by: 'msgtrack' },
        phases: {
          hot: {
            min_age: '0ms',
            actions: { rollover: { max_primary_shard_size: '50gb', max_age: '1d' } },
          },
          delete: { min_age: '30d', actions: { delete: {} } },
        },
      },
    },
  };
}
