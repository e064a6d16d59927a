namespace Blind38.CheeseCaves.Sampling;

public readonly record struct CoreSample(string WheelId, int Shelf, double MoisturePercent, double Ph);

/// <summary>
/// Picks wheels for core sampling and records the lab results. Sampling of many shelves
/// runs in parallel; log lines carry the batch number of the make they belong to.
/// </summary>
public sealed class CoreSamplingRun
{
    private static readonly AsyncLocal<string?> CurrentMake = new();

    private readonly ThreadLocal<Random> _random = new(() => new Random(Environment.CurrentManagedThreadId * 7919 + Environment.TickCount));
    private readonly Func<string, int, CoreSample> _takeCore;
    private readonly Action<string> _log;

    public CoreSamplingRun(Func<string, int, CoreSample> takeCore, Action<string> log)
    {
        _takeCore = takeCore;
        _log = log;
    }

    public static IDisposable BeginMake(string makeNumber)
    {
        var previous = CurrentMake.Value;
        CurrentMake.Value = makeNumber;
        return new Restore(previous);
    }

    public CoreSample[] SampleShelves(IReadOnlyList<string[]> wheelsByShelf, double fraction)
    {
        var results = new CoreSample[wheelsByShelf.Count];
        Parallel.For(0, wheelsByShelf.Count, shelf =>
        {
            var wheels = wheelsByShelf[shelf];
            if (wheels.Length == 0)
            {
                return;
            }

            var rng = _random.Value!;
            var pick = wheels[rng.Next(wheels.Length)];
            if (rng.NextDouble() > fraction)
            {
                Log($"shelf {shelf}: skipped this round");
                return;
            }

            results[shelf] = _takeCore(pick, shelf);
            Log($"shelf {shelf}: cored {pick}");
        });

        return results;
    }

    private void Log(string message) => _log($"[make {CurrentMake.Value ?? "?"}] {message}");

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;

        public Restore(string? previous) => _previous = previous;

        public void Dispose() => CurrentMake.Value = _previous;
    }
}

/// <summary>Runs the weekly sampling for each make in the cave.</summary>
public static class WeeklySampling
{
    public static async Task<Dictionary<string, CoreSample[]>> RunAsync(
        CoreSamplingRun run, IReadOnlyDictionary<string, IReadOnlyList<string[]>> shelvesByMake)
    {
        var tasks = shelvesByMake.Select(pair => Task.Run(() =>
        {
            using (CoreSamplingRun.BeginMake(pair.Key))
            {
                return (pair.Key, Samples: run.SampleShelves(pair.Value, 0.25));
            }
        }));

        var done = await Task.WhenAll(tasks).ConfigureAwait(false);
        return done.ToDictionary(d => d.Key, d => d.Samples);
    }
}
