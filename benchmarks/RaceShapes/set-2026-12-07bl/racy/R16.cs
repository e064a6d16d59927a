using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind64.Saltworks.Ponds
{
    public sealed record BrineReading(string Pond, double SalinityPpt, double DepthCm, DateTimeOffset TakenAt);

    public interface IPondProbe
    {
        Task<BrineReading> ReadAsync(string pond, CancellationToken ct);
    }

    /// <summary>
    /// Samples the evaporation ponds every quarter hour and keeps a rolling history
    /// per pond, used to decide when to move brine to the crystallisers.
    /// </summary>
    public sealed class PondSamplingService : BackgroundService
    {
        private const int HistoryLength = 96;
        private readonly IPondProbe _probe;
        private readonly ILogger<PondSamplingService> _logger;
        private readonly string[] _ponds;
        private readonly Dictionary<string, Queue<BrineReading>> _history = new();

        public PondSamplingService(IPondProbe probe, ILogger<PondSamplingService> logger, IEnumerable<string> ponds)
        {
            _probe = probe;
            _logger = logger;
            _ponds = ponds.ToArray();
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15));
            do
            {
                await SampleAllAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        /// <summary>Takes a reading from every pond and appends it to the history.</summary>
        public async Task SampleAllAsync(CancellationToken ct)
        {
            foreach (var pond in _ponds)
            {
                var reading = await _probe.ReadAsync(pond, ct);
                if (!_history.TryGetValue(pond, out var queue))
                {
                    queue = new Queue<BrineReading>(HistoryLength);
                    _history[pond] = queue;
                }

                queue.Enqueue(reading);
                if (queue.Count > HistoryLength)
                {
                    queue.Dequeue();
                }

                _logger.LogDebug("Pond {Pond} at {Salinity} ppt", pond, reading.SalinityPpt);
            }
        }

        public double? AverageSalinity(string pond) =>
            _history.TryGetValue(pond, out var q) && q.Count > 0 ? q.Average(r => r.SalinityPpt) : null;
    }

    /// <summary>Endpoint the pan manager hits after a rain shower to get fresh numbers.</summary>
    public static class PondEndpoints
    {
        public static async Task<string> SampleNow(PondSamplingService sampler, string pond, CancellationToken ct)
        {
            await sampler.SampleAllAsync(ct);
            var avg = sampler.AverageSalinity(pond);
            return avg is null ? "no readings" : $"{pond}: {avg:F1} ppt";
        }
    }
}
