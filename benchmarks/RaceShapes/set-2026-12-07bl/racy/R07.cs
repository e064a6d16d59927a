using System.Collections.Concurrent;

namespace Blind64.TeaAuction.Quotas
{
    /// <summary>Per-tenant request allowance for the auction catalogue API.</summary>
    internal sealed class TenantBucket
    {
        public readonly object Gate = new();
        public int Used;
        public int Limit;
    }

    /// <summary>
    /// Limits how many catalogue lookups each broker tenant can make per minute.
    /// Registered as a singleton and consulted by every inbound request.
    /// </summary>
    public sealed class TenantQuotaTracker : IDisposable
    {
        private readonly ConcurrentDictionary<string, TenantBucket> _buckets = new();
        private readonly Func<string, int> _limitForTenant;
        private readonly Timer _resetTimer;

        public TenantQuotaTracker(Func<string, int> limitForTenant)
        {
            _limitForTenant = limitForTenant;
            _resetTimer = new Timer(ResetWindow, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        public bool TryConsume(string tenantId)
        {
            var bucket = _buckets.GetOrAdd(tenantId, id => new TenantBucket { Limit = _limitForTenant(id) });
            lock (bucket.Gate)
            {
                if (bucket.Used >= bucket.Limit)
                {
                    return false;
                }

                bucket.Used++;
                return true;
            }
        }

        public int Remaining(string tenantId)
        {
            if (!_buckets.TryGetValue(tenantId, out var bucket))
            {
                return _limitForTenant(tenantId);
            }

            lock (bucket.Gate)
            {
                return bucket.Limit - bucket.Used;
            }
        }

        private void ResetWindow(object? state)
        {
            foreach (var bucket in _buckets.Values)
            {
                bucket.Used = 0;
            }
        }

        public void Dispose() => _resetTimer.Dispose();
    }

    /// <summary>Wraps outgoing catalogue calls for a tenant and enforces the quota.</summary>
    public sealed class CatalogueQuotaHandler : DelegatingHandler
    {
        private readonly TenantQuotaTracker _tracker;
        private readonly string _tenantId;

        public CatalogueQuotaHandler(TenantQuotaTracker tracker, string tenantId)
        {
            _tracker = tracker;
            _tenantId = tenantId;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_tracker.TryConsume(_tenantId))
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests)
                {
                    RequestMessage = request,
                });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
