using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.Triathlon.Results
{
    public sealed record ChipSplit(string Bib, string Leg, TimeSpan Elapsed);

    public sealed record AthleteResult(string Bib, TimeSpan Swim, TimeSpan Bike, TimeSpan Run, TimeSpan Total);

    /// <summary>
    /// Builds the provisional results table from the raw chip splits once the last
    /// athlete has crossed the line. Also records which import batch produced each log
    /// line so the timing crew can trace a bad split back to its mat.
    /// </summary>
    public sealed class ProvisionalResultsBuilder
    {
        private static readonly AsyncLocal<string?> CurrentBatch = new();

        private readonly Action<string> _log;

        public ProvisionalResultsBuilder(Action<string> log)
        {
            _log = log;
        }

        public async Task<IReadOnlyList<AthleteResult>> BuildAsync(string batchId, IReadOnlyList<ChipSplit> splits, IProgress<int>? progress = null)
        {
            CurrentBatch.Value = batchId;
            Log($"building from {splits.Count} splits");

            var results = await Task.Run(() => splits
                .AsParallel()
                .GroupBy(s => s.Bib)
                .Select(g => ToResult(g.Key, g))
                .Where(r => r is not null)
                .Select(r => r!)
                .OrderBy(r => r.Total)
                .ToList()).ConfigureAwait(false);

            progress?.Report(results.Count);
            Log($"built {results.Count} results, counting invalid splits");

            using var invalidPerThread = new ThreadLocal<int>(() => 0, trackAllValues: true);
            Parallel.For(0, splits.Count, i =>
            {
                if (splits[i].Elapsed <= TimeSpan.Zero)
                {
                    invalidPerThread.Value++;
                }
            });

            int invalid = invalidPerThread.Values.Sum();
            Log($"{invalid} invalid splits ignored");
            return results;
        }

        private static AthleteResult? ToResult(string bib, IEnumerable<ChipSplit> splits)
        {
            TimeSpan swim = TimeSpan.Zero, bike = TimeSpan.Zero, run = TimeSpan.Zero;
            foreach (var split in splits)
            {
                if (split.Elapsed <= TimeSpan.Zero)
                {
                    continue;
                }

                switch (split.Leg)
                {
                    case "swim": swim = split.Elapsed; break;
                    case "bike": bike = split.Elapsed; break;
                    case "run": run = split.Elapsed; break;
                }
            }

            if (swim == TimeSpan.Zero || bike == TimeSpan.Zero || run == TimeSpan.Zero)
            {
                return null;
            }

            return new AthleteResult(bib, swim, bike, run, swim + bike + run);
        }

        private void Log(string message) => _log($"[{CurrentBatch.Value ?? "-"}] {message}");
    }
}
