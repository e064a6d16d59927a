namespace Blind64.Truffles.Season
{
    public sealed class DigEventArgs : EventArgs
    {
        public DigEventArgs(string dog, double grams, bool blackTruffle)
        {
            Dog = dog;
            Grams = grams;
            BlackTruffle = blackTruffle;
        }

        public string Dog { get; }
        public double Grams { get; }
        public bool BlackTruffle { get; }
    }

    /// <summary>Raises <see cref="Dug"/> from the collar-polling thread of each dog.</summary>
    public sealed class DogCollarFeed
    {
        private readonly string _dog;

        public DogCollarFeed(string dog) => _dog = dog;

        public event EventHandler<DigEventArgs>? Dug;

        public Task PumpAsync(IAsyncEnumerable<(double Grams, bool Black)> digs, CancellationToken ct) =>
            Task.Run(async () =>
            {
                await foreach (var (grams, black) in digs.WithCancellation(ct).ConfigureAwait(false))
                {
                    Dug?.Invoke(this, new DigEventArgs(_dog, grams, black));
                }
            }, ct);
    }

    /// <summary>Season totals per dog, updated from every feed's thread and read by the report page.</summary>
    public sealed class SeasonLedger
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, (int Digs, double Grams)> _byDog = new();
        private double _blackGrams;

        public void Track(DogCollarFeed feed) => feed.Dug += OnDug;

        public void Untrack(DogCollarFeed feed) => feed.Dug -= OnDug;

        private void OnDug(object? sender, DigEventArgs e)
        {
            lock (_gate)
            {
                var (digs, grams) = _byDog.GetValueOrDefault(e.Dog);
                _byDog[e.Dog] = (digs + 1, grams + e.Grams);
                if (e.BlackTruffle)
                {
                    _blackGrams += e.Grams;
                }
            }
        }

        public (double TotalGrams, double BlackGrams, string? BestDog) Summary()
        {
            lock (_gate)
            {
                var total = _byDog.Values.Sum(v => v.Grams);
                var best = _byDog.OrderByDescending(kv => kv.Value.Grams).Select(kv => kv.Key).FirstOrDefault();
                return (total, _blackGrams, best);
            }
        }
    }
}
