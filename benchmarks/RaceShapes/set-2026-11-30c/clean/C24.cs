namespace Litware.Analytics.Sessions
{
    public readonly record struct PageView(string SessionId, string Path, int DurationMs, bool Bounced);

    public sealed class TrafficSummary
    {
        public long Views { get; internal set; }
        public long TotalDurationMs { get; internal set; }
        public long Bounces { get; internal set; }
        public Dictionary<string, long> ViewsByPath { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Aggregates a day of page views. The input can be tens of millions of rows,
    /// so the work is spread over all cores.
    /// </summary>
    public static class TrafficAggregator
    {
        public static TrafficSummary Aggregate(PageView[] views)
        {
            var total = new TrafficSummary();
            var mergeLock = new object();

            Parallel.For(
                0,
                views.Length,
                () => new TrafficSummary(),
                (i, _, partial) =>
                {
                    ref readonly var view = ref views[i];
                    partial.Views++;
                    partial.TotalDurationMs += view.DurationMs;
                    if (view.Bounced)
                    {
                        partial.Bounces++;
                    }
                    partial.ViewsByPath[view.Path] = partial.ViewsByPath.GetValueOrDefault(view.Path) + 1;
                    return partial;
                },
                partial =>
                {
                    lock (mergeLock)
                    {
                        total.Views += partial.Views;
                        total.TotalDurationMs += partial.TotalDurationMs;
                        total.Bounces += partial.Bounces;
                        foreach (var (path, count) in partial.ViewsByPath)
                        {
                            total.ViewsByPath[path] = total.ViewsByPath.GetValueOrDefault(path) + count;
                        }
                    }
                });

            return total;
        }

        public static double BounceRate(TrafficSummary summary) =>
            summary.Views == 0 ? 0 : (double)summary.Bounces / summary.Views;
    }
}
