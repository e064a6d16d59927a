namespace Blind64.Truffles.Tracking
{
    public sealed class FindEventArgs : EventArgs
    {
        public FindEventArgs(string dogName, double grams, string plot)
        {
            DogName = dogName;
            Grams = grams;
            Plot = plot;
        }

        public string DogName { get; }
        public double Grams { get; }
        public string Plot { get; }
    }

    /// <summary>
    /// Polls one dog's GPS collar and raises <see cref="TruffleFound"/> when the handler
    /// marks a dig. Each tracker runs its own polling loop on the thread pool.
    /// </summary>
    public sealed class CollarTracker
    {
        private readonly string _dogName;
        private readonly Func<CancellationToken, Task<(double Grams, string Plot)?>> _pollDig;

        public CollarTracker(string dogName, Func<CancellationToken, Task<(double, string)?>> pollDig)
        {
            _dogName = dogName;
            _pollDig = pollDig;
        }

        public event EventHandler<FindEventArgs>? TruffleFound;

        public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var dig = await _pollDig(ct).ConfigureAwait(false);
                if (dig is { } d)
                {
                    TruffleFound?.Invoke(this, new FindEventArgs(_dogName, d.Grams, d.Plot));
                }

                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
        }, ct);
    }

    /// <summary>Running totals for the day's hunt, shown on the handler's tablet.</summary>
    public sealed class HuntTally
    {
        private int _finds;
        private double _totalGrams;

        public void Attach(IEnumerable<CollarTracker> trackers)
        {
            foreach (var tracker in trackers)
            {
                tracker.TruffleFound += OnTruffleFound;
            }
        }

        private void OnTruffleFound(object? sender, FindEventArgs e)
        {
            Interlocked.Increment(ref _finds);
            _totalGrams += e.Grams;
        }

        public int Finds => Volatile.Read(ref _finds);

        public double TotalGrams => Volatile.Read(ref _totalGrams);
    }

    public static class HuntDay
    {
        public static async Task<string> RunAsync(IReadOnlyList<CollarTracker> trackers, TimeSpan length)
        {
            var tally = new HuntTally();
            tally.Attach(trackers);
            using var cts = new CancellationTokenSource(length);
            var loops = trackers.Select(t => t.RunAsync(cts.Token)).ToArray();
            try
            {
                await Task.WhenAll(loops);
            }
            catch (OperationCanceledException)
            {
            }

            return $"{tally.Finds} finds, {tally.TotalGrams:F0} g";
        }
    }
}
