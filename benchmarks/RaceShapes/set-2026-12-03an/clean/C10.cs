using System.Diagnostics;

namespace Blind40.Planetariums.Readiness;

public enum Readiness
{
    Ready,
    Warning,
    NotReady,
}

public sealed record ProbeResult(string Name, Readiness State, string Detail, TimeSpan Took);

public interface IShowProbe
{
    string Name { get; }
    Task<(Readiness State, string Detail)> ProbeAsync(CancellationToken ct);
}

/// <summary>
/// Checks that the dome is ready before a show: projectors warmed, audio rack
/// online, seat motion locked. All probes run in parallel.
/// </summary>
public sealed class ShowReadinessAggregator
{
    private readonly IShowProbe[] _probes;
    private readonly TimeSpan _timeout;

    public ShowReadinessAggregator(IEnumerable<IShowProbe> probes, TimeSpan timeout)
    {
        _probes = probes.ToArray();
        _timeout = timeout;
    }

    public async Task<IReadOnlyDictionary<string, ProbeResult>> RunAsync(CancellationToken ct)
    {
        var results = new ProbeResult[_probes.Length];
        var tasks = new Task[_probes.Length];

        for (int i = 0; i < _probes.Length; i++)
        {
            int slot = i;
            tasks[slot] = Task.Run(async () =>
            {
                var probe = _probes[slot];
                var sw = Stopwatch.StartNew();
                try
                {
                    var (state, detail) = await probe.ProbeAsync(ct).WaitAsync(_timeout, ct).ConfigureAwait(false);
                    results[slot] = new ProbeResult(probe.Name, state, detail, sw.Elapsed);
                }
                catch (TimeoutException)
                {
                    results[slot] = new ProbeResult(probe.Name, Readiness.NotReady, "timed out", sw.Elapsed);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    results[slot] = new ProbeResult(probe.Name, Readiness.NotReady, ex.Message, sw.Elapsed);
                }
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);

        var byName = new Dictionary<string, ProbeResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results)
        {
            byName[result.Name] = result;
        }
        return byName;
    }

    public static Readiness Overall(IReadOnlyDictionary<string, ProbeResult> results) =>
        results.Count == 0 ? Readiness.Ready : results.Values.Max(r => r.State);
}
