using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Transitly.Predictions
{
    public sealed record VehiclePosition(string VehicleId, string RouteId, double DistanceAlongRouteM, double SpeedMs);

    public sealed record StopOnRoute(string StopId, double DistanceAlongRouteM);

    public sealed record ArrivalEstimate(string StopId, string RouteId, string VehicleId, DateTimeOffset ExpectedAt);

    public interface IVehicleFeed
    {
        Task<IReadOnlyList<VehiclePosition>> GetPositionsAsync(string routeId, CancellationToken ct);
    }

    public interface IRouteGeometry
    {
        IReadOnlyList<StopOnRoute> StopsOf(string routeId);
    }

    /// <summary>
    /// Keeps the "next arrival" table for the station displays. Hosted in the display
    /// controller's background worker service and refreshed every 20 seconds.
    /// </summary>
    public sealed class ArrivalBoardRefresher
    {
        private readonly Dictionary<string, ArrivalEstimate> _nextArrivalByStop = new(StringComparer.Ordinal);
        private readonly IVehicleFeed _feed;
        private readonly IRouteGeometry _geometry;

        public ArrivalBoardRefresher(IVehicleFeed feed, IRouteGeometry geometry)
        {
            _feed = feed;
            _geometry = geometry;
        }

        public async Task RefreshAsync(IEnumerable<string> routeIds, CancellationToken ct)
        {
            IProgress<ArrivalEstimate> progress = new Progress<ArrivalEstimate>(OnEstimate);
            var now = DateTimeOffset.UtcNow;

            await Parallel.ForEachAsync(routeIds, ct, async (routeId, token) =>
            {
                var positions = await _feed.GetPositionsAsync(routeId, token).ConfigureAwait(false);
                var stops = _geometry.StopsOf(routeId);
                foreach (var vehicle in positions.Where(v => v.SpeedMs > 0.5))
                {
                    foreach (var stop in stops.Where(s => s.DistanceAlongRouteM > vehicle.DistanceAlongRouteM))
                    {
                        double seconds = (stop.DistanceAlongRouteM - vehicle.DistanceAlongRouteM) / vehicle.SpeedMs;
                        progress.Report(new ArrivalEstimate(stop.StopId, routeId, vehicle.VehicleId, now.AddSeconds(seconds)));
                    }
                }
            }).ConfigureAwait(false);
        }

        private void OnEstimate(ArrivalEstimate estimate)
        {
            if (!_nextArrivalByStop.TryGetValue(estimate.StopId, out var current)
                || estimate.ExpectedAt < current.ExpectedAt)
            {
                _nextArrivalByStop[estimate.StopId] = estimate;
            }
        }
    }
}
