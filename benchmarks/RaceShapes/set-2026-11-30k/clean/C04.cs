using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Recommendations.Signals
{
    public sealed record ViewSession(string SessionId, IReadOnlyList<string> ProductIds);

    /// <summary>
    /// Counts how often products are viewed together in the same session, for
    /// the "customers also viewed" carousel. A single instance is fed by all
    /// clickstream consumers and queried by the storefront.
    /// </summary>
    public sealed class CoViewCounter
    {
        private readonly ConcurrentDictionary<(string First, string Second), long> _pairs = new();
        private readonly ConcurrentDictionary<string, long> _views = new(StringComparer.Ordinal);

        public void RecordSession(ViewSession session)
        {
            var distinct = session.ProductIds
                .Distinct(StringComparer.Ordinal)
                .OrderBy(p => p, StringComparer.Ordinal)
                .Take(50)
                .ToArray();

            foreach (var product in distinct)
                _views.AddOrUpdate(product, 1, (_, count) => count + 1);

            for (int i = 0; i < distinct.Length; i++)
            {
                for (int j = i + 1; j < distinct.Length; j++)
                    _pairs.AddOrUpdate((distinct[i], distinct[j]), 1, (_, count) => count + 1);
            }
        }

        public void RecordBatch(IEnumerable<ViewSession> sessions)
        {
            Parallel.ForEach(sessions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, RecordSession);
        }

        public IReadOnlyList<(string ProductId, double Score)> AlsoViewed(string productId, int top)
        {
            if (!_views.TryGetValue(productId, out var baseViews) || baseViews == 0)
                return Array.Empty<(string, double)>();

            var scored = new List<(string ProductId, double Score)>();
            foreach (var entry in _pairs)
            {
                string? other = entry.Key.First == productId ? entry.Key.Second
                    : entry.Key.Second == productId ? entry.Key.First
                    : null;
                if (other is null)
                    continue;

                long otherViews = _views.TryGetValue(other, out var v) ? v : 1;
                scored.Add((other, entry.Value / Math.Sqrt((double)baseViews * otherViews)));
            }

            return scored.OrderByDescending(s => s.Score).Take(top).ToList();
        }
    }
}
