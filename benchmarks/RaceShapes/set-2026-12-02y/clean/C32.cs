using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Carillon.TestHarness;

[AttributeUsage(AttributeTargets.Method)]
public sealed class BellCheckAttribute : Attribute { }

public sealed record CheckResult(string Fixture, string Check, bool Passed, TimeSpan Elapsed, string? Failure);

/// <summary>
/// Small test runner used by the carillon's firmware repository. Each fixture
/// class gets its own instance and runs its checks sequentially; fixtures run in
/// parallel with each other.
/// </summary>
public sealed class FixtureRunner
{
    private readonly int _maxParallelFixtures;

    public FixtureRunner(int maxParallelFixtures) => _maxParallelFixtures = maxParallelFixtures;

    public async Task<RunSummary> RunAsync(IEnumerable<Type> fixtureTypes, CancellationToken ct)
    {
        var results = new ConcurrentQueue<CheckResult>();
        var started = Stopwatch.StartNew();

        await Parallel.ForEachAsync(fixtureTypes,
            new ParallelOptions { MaxDegreeOfParallelism = _maxParallelFixtures, CancellationToken = ct },
            async (type, token) =>
            {
                var fixture = Activator.CreateInstance(type)!;
                var checks = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => m.GetCustomAttribute<BellCheckAttribute>() is not null)
                    .OrderBy(m => m.Name, StringComparer.Ordinal);

                foreach (var check in checks)
                {
                    token.ThrowIfCancellationRequested();
                    results.Enqueue(await RunOneAsync(fixture, check).ConfigureAwait(false));
                }

                if (fixture is IAsyncDisposable ad) await ad.DisposeAsync().ConfigureAwait(false);
                else if (fixture is IDisposable d) d.Dispose();
            }).ConfigureAwait(false);

        var all = results.OrderBy(r => r.Fixture).ThenBy(r => r.Check).ToList();
        return new RunSummary(all, started.Elapsed);
    }

    private static async Task<CheckResult> RunOneAsync(object fixture, MethodInfo check)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var returned = check.Invoke(fixture, null);
            if (returned is Task task) await task.ConfigureAwait(false);
            return new CheckResult(fixture.GetType().Name, check.Name, true, sw.Elapsed, null);
        }
        catch (Exception ex)
        {
            var inner = ex is TargetInvocationException { InnerException: { } ie } ? ie : ex;
            return new CheckResult(fixture.GetType().Name, check.Name, false, sw.Elapsed, inner.Message);
        }
    }
}

public sealed record RunSummary(IReadOnlyList<CheckResult> Results, TimeSpan Elapsed)
{
    public int Passed => Results.Count(r => r.Passed);
    public int Failed => Results.Count(r => !r.Passed);
}

public sealed class StrikerTimingChecks
{
    private readonly List<int> _strikes = new();

    [BellCheck]
    public void StrikesAreRecordedInOrder()
    {
        for (int bell = 1; bell <= 23; bell++) _strikes.Add(bell);
        if (_strikes[0] != 1 || _strikes[^1] != 23) throw new Exception("strike order wrong");
    }

    [BellCheck]
    public async Task DamperReleasesWithinWindow()
    {
        var sw = Stopwatch.StartNew();
        await Task.Delay(5);
        _strikes.Clear();
        if (sw.ElapsedMilliseconds > 2_000) throw new Exception("damper too slow");
    }
}
