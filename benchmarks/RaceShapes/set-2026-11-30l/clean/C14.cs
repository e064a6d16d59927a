using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Transitly.Display
{
    public sealed record BusPosition(string BusId, double MetresAlongRoute, double SpeedMs);

    public sealed record RouteStop(string StopId, double MetresAlongRoute);

    public sealed record NextArrival(string StopId, string RouteId, string BusId, DateTimeOffset ExpectedAt);

    public interface IAvlFeed
    {
        Task<IReadOnlyList<BusPosition>> PositionsAsync(string routeId, CancellationToken ct);
    }

    public interface IStopPatterns
    {
        IReadOnlyList<RouteStop> For(string routeId);
    }

    /// <summary>
    /// Computes the next arrival per stop for the platform displays. Display renderers read
    /// <see cref="Current"/> at any time; a background service calls <see cref="RefreshAsync"/>.
    /// </summary>
    public sealed class NextArrivalBoard
    {
        private readonly IAvlFeed _feed;
        private readonly IStopPatterns _patterns;
        private IReadOnlyDictionary<string, NextArrival> _current = new Dictionary<string, NextArrival>();

        public NextArrivalBoard(IAvlFeed feed, IStopPatterns patterns)
        {
            _feed = feed;
            _patterns = patterns;
        }

        public IReadOnlyDictionary<string, NextArrival> Current => Volatile.Read(ref _current);

        public async Task RefreshAsync(IEnumerable<string> routeIds, CancellationToken ct)
        {
            var now = DateTimeOffset.UtcNow;
            var perRoute = await Task.WhenAll(routeIds.Select(r => PredictRouteAsync(r, now, ct))).ConfigureAwait(false);

            var next = new Dictionary<string, NextArrival>(StringComparer.Ordinal);
            foreach (var estimates in perRoute)
            {
                foreach (var estimate in estimates)
                {
                    if (!next.TryGetValue(estimate.StopId, out var existing) || estimate.ExpectedAt < existing.ExpectedAt)
                        next[estimate.StopId] = estimate;
                }
            }

            Volatile.Write(ref _current, next);
        }

        private async Task<List<NextArrival>> PredictRouteAsync(string routeId, DateTimeOffset now, CancellationToken ct)
        {
            var buses = await _feed.PositionsAsync(routeId, ct).ConfigureAwait(false);
            var stops = _patterns.For(routeId);
            var estimates = new List<NextArrival>();

            foreach (var bus in buses.Where(b => b.SpeedMs > 0.5))
            {
                foreach (var stop in stops.Where(s => s.MetresAlongRoute > bus.MetresAlongRoute))
                {
                    double seconds = (stop.MetresAlongRoute - bus.MetresAlongRoute) / bus.SpeedMs;
                    estimates.Add(new NextArrival(stop.StopId, routeId, bus.BusId, now.AddSeconds(seconds)));
                }
            }
            return estimates;
        }
    }
}
