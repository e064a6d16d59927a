using System.Diagnostics;

namespace Blind.R11;

/// <summary>
/// Runs the application's warm-up steps (JIT-heavy code paths, cache priming,
/// connection establishment) before the service starts taking traffic.
/// </summary>
public sealed class StartupWarmup
{
    private readonly List<(string Name, Action Step)> _steps = new();

    public StartupWarmup Add(string name, Action step)
    {
        _steps.Add((name, step));
        return this;
    }

    /// <summary>
    /// Executes all registered steps side by side and returns how long each one took.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> Run()
    {
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var actions = new List<Action>(_steps.Count);

        foreach (var (name, step) in _steps)
        {
            actions.Add(() =>
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    step();
                }
                finally
                {
                    stopwatch.Stop();
                    timings[name] = stopwatch.Elapsed;
                }
            });
        }

        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, actions.ToArray());
        return timings;
    }

    public static string Describe(IReadOnlyDictionary<string, TimeSpan> timings)
    {
        var slowest = timings.OrderByDescending(t => t.Value).Take(3);
        return string.Join(", ", slowest.Select(t => $"{t.Key}={t.Value.TotalMilliseconds:0}ms"));
    }
}

public static class WarmupDefaults
{
    public static StartupWarmup Create(HttpClient http, Uri healthUrl)
    {
        return new StartupWarmup()
            .Add("regex", () => System.Text.RegularExpressions.Regex.IsMatch("warmup@example.com", @"^\S+@\S+$"))
            .Add("json", () => System.Text.Json.JsonSerializer.Serialize(new { ok = true }))
            .Add("http", () => http.GetAsync(healthUrl).GetAwaiter().GetResult().Dispose())
            .Add("gc", () => GC.Collect(0));
    }
}
