using Microsoft.Extensions.Hosting;

namespace ThemePark.QueueTimes
{
    public sealed record RideWait(string RideId, int Minutes, bool Open);

    /// <summary>
    /// The published board of wait times. Immutable once created.
    /// </summary>
    public sealed class WaitTimeBoard
    {
        public WaitTimeBoard(IReadOnlyDictionary<string, RideWait> rides, DateTimeOffset generatedAt)
        {
            Rides = rides;
            GeneratedAt = generatedAt;
        }

        public IReadOnlyDictionary<string, RideWait> Rides { get; }
        public DateTimeOffset GeneratedAt { get; }

        public static WaitTimeBoard Empty { get; } = new(new Dictionary<string, RideWait>(), DateTimeOffset.MinValue);
    }

    public interface IQueueSensorFeed
    {
        Task<IReadOnlyList<(string RideId, int PeopleInLine, double RiderThroughputPerMinute, bool Open)>> ReadAsync(CancellationToken ct);
    }

    /// <summary>
    /// Recomputes posted wait times every 30 seconds. The park app endpoints
    /// read <see cref="Current"/> on every request.
    /// </summary>
    public sealed class WaitTimePublisher : BackgroundService
    {
        private readonly IQueueSensorFeed _feed;
        private WaitTimeBoard _current = WaitTimeBoard.Empty;
        private readonly Dictionary<string, double> _smoothed = new();

        public WaitTimePublisher(IQueueSensorFeed feed) => _feed = feed;

        public WaitTimeBoard Current => Volatile.Read(ref _current);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            do
            {
                var readings = await _feed.ReadAsync(stoppingToken);
                var rides = new Dictionary<string, RideWait>(readings.Count);

                foreach (var (rideId, inLine, throughput, open) in readings)
                {
                    var raw = throughput > 0 ? inLine / throughput : 0;
                    var smoothed = _smoothed.TryGetValue(rideId, out var prev) ? prev * 0.7 + raw * 0.3 : raw;
                    _smoothed[rideId] = smoothed;

                    var posted = (int)(Math.Ceiling(smoothed / 5.0) * 5);
                    rides[rideId] = new RideWait(rideId, open ? posted : 0, open);
                }

                Interlocked.Exchange(ref _current, new WaitTimeBoard(rides, DateTimeOffset.UtcNow));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }

    public static class ParkAppEndpoints
    {
        public static object GetWaits(WaitTimePublisher publisher)
        {
            var board = publisher.Current;
            return new
            {
                board.GeneratedAt,
                Rides = board.Rides.Values.OrderBy(r => r.RideId).ToList(),
            };
        }
    }
}
