namespace Ops.Monitoring;

public enum ProbeResult
{
    Ok,
    Warning,
    Failed,
}

public interface IProbe
{
    string Name { get; }
    Task<ProbeResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs all probes periodically and on demand (the ops dashboard has a
/// "check now" button) and forwards the results to the status page.
/// </summary>
public sealed class ProbeRunner : IDisposable
{
    private readonly IReadOnlyList<IProbe> _probes;
    private readonly Func<IReadOnlyDictionary<string, ProbeResult>, Task> _report;
    private readonly Timer _timer;
    private IReadOnlyDictionary<string, ProbeResult> _latest = new Dictionary<string, ProbeResult>();
    private int _running;

    public ProbeRunner(
        IEnumerable<IProbe> probes,
        Func<IReadOnlyDictionary<string, ProbeResult>, Task> report,
        TimeSpan interval)
    {
        _probes = probes.ToArray();
        _report = report;
        _timer = new Timer(_ => _ = RunAsync(), null, interval, interval);
    }

    public IReadOnlyDictionary<string, ProbeResult> Latest => Volatile.Read(ref _latest);

    public Task<bool> CheckNowAsync() => RunAsync();

    private async Task<bool> RunAsync()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            var results = await Task.WhenAll(_probes.Select(RunProbeAsync)).ConfigureAwait(false);
            var snapshot = results.ToDictionary(r => r.Name, r => r.Result, StringComparer.Ordinal);
            Volatile.Write(ref _latest, snapshot);
            await _report(snapshot).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Probe run failed: {ex.Message}");
            return false;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static async Task<(string Name, ProbeResult Result)> RunProbeAsync(IProbe probe)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return (probe.Name, await probe.RunAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (Exception)
        {
            return (probe.Name, ProbeResult.Failed);
        }
    }

    public void Dispose() => _timer.Dispose();
}
