using System.Diagnostics;

namespace Forklift.Orleans.Tests;

/// <summary>Waits for a state, not for a time: polls a condition until it holds or a generous bound passes.</summary>
internal static class Eventually
{
    /// <summary>Bound for things that must happen: far above what they take, for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Bound for a silo process or an in-process cluster to start: one silo took 26.6 s at load average 70.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    public static async Task WaitAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (bound ?? Bound))
            {
                throw new TimeoutException($"Timed out after {watch.Elapsed} waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
