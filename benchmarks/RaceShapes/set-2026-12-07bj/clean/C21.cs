using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind62.Triathlon.Mats
{
    public readonly record struct MatCounts(long Reads, long Duplicates, long Unknown);

    /// <summary>
    /// Counts chip reads from the timing mats. Every mat reader's socket handler calls
    /// the Record methods; the counters are logged and cleared every minute.
    /// </summary>
    public sealed class MatReadCounters
    {
        private long _reads;
        private long _duplicates;
        private long _unknown;

        public void RecordRead() => Interlocked.Increment(ref _reads);

        public void RecordDuplicate() => Interlocked.Increment(ref _duplicates);

        public void RecordUnknownChip() => Interlocked.Increment(ref _unknown);

        public MatCounts Peek() => new(
            Interlocked.Read(ref _reads),
            Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _unknown));

        /// <summary>Returns the counts since the last call and starts again from zero.</summary>
        public MatCounts TakeAndReset() => new(
            Interlocked.Exchange(ref _reads, 0),
            Interlocked.Exchange(ref _duplicates, 0),
            Interlocked.Exchange(ref _unknown, 0));
    }

    public sealed class MatCounterReporter : BackgroundService
    {
        private readonly MatReadCounters _counters;
        private readonly ILogger<MatCounterReporter> _logger;

        public MatCounterReporter(MatReadCounters counters, ILogger<MatCounterReporter> logger)
        {
            _counters = counters;
            _logger = logger;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var counts = _counters.TakeAndReset();
                _logger.LogInformation(
                    "Mat reads last minute: {Reads} ({Duplicates} duplicates, {Unknown} unknown chips)",
                    counts.Reads, counts.Duplicates, counts.Unknown);
            }
        }
    }
}
