namespace Blind37.CiderPress.Batches;

/// <summary>Identifies the pressing run that the current code is working on.</summary>
public sealed record PressRunContext(int RunNumber, string Orchard, string Variety);

/// <summary>
/// Ambient context for pressing runs, so the logging and label-printing helpers deep in
/// the call chain know which run they belong to without every method taking it as a
/// parameter. Each run flows its own value through its own awaits.
/// </summary>
public static class PressRunScope
{
    private static readonly AsyncLocal<PressRunContext?> s_current = new();
    private static int s_nextRunNumber;

    public static PressRunContext? Current => s_current.Value;

    public static PressRunContext Begin(string orchard, string variety)
    {
        var context = new PressRunContext(Interlocked.Increment(ref s_nextRunNumber), orchard, variety);
        s_current.Value = context;
        return context;
    }
}

public interface IPressLog
{
    void Write(string message);
}

/// <summary>Prefixes every log line with the ambient run.</summary>
public sealed class RunAwareLog
{
    private readonly IPressLog _inner;

    public RunAwareLog(IPressLog inner) => _inner = inner;

    public void Info(string message)
    {
        var run = PressRunScope.Current;
        _inner.Write(run is null ? message : $"[run {run.RunNumber} {run.Orchard}/{run.Variety}] {message}");
    }
}

/// <summary>
/// Presses several orchards' apples at once on the co-operative's presses and reports the
/// juice yield for each run.
/// </summary>
public sealed class PressingDay
{
    private readonly RunAwareLog _log;
    private readonly Func<string, string, CancellationToken, Task<double>> _pressCheese;

    public PressingDay(RunAwareLog log, Func<string, string, CancellationToken, Task<double>> pressCheese)
    {
        _log = log;
        _pressCheese = pressCheese;
    }

    public async Task<IReadOnlyDictionary<int, double>> PressAllAsync(
        IEnumerable<(string Orchard, string Variety, int Cheeses)> loads, CancellationToken cancellationToken)
    {
        var runs = await Task.WhenAll(loads.Select(load => PressOneAsync(load.Orchard, load.Variety, load.Cheeses, cancellationToken)))
            .ConfigureAwait(false);
        return runs.ToDictionary(r => r.RunNumber, r => r.Litres);
    }

    private async Task<(int RunNumber, double Litres)> PressOneAsync(string orchard, string variety, int cheeses, CancellationToken cancellationToken)
    {
        var run = PressRunScope.Begin(orchard, variety);
        _log.Info($"Starting {cheeses} cheeses");

        var litres = 0.0;
        for (var i = 1; i <= cheeses; i++)
        {
            litres += await _pressCheese(orchard, variety, cancellationToken).ConfigureAwait(false);
            _log.Info($"Cheese {i} done, {litres:F0} l so far");
        }

        _log.Info("Run complete");
        return (run.RunNumber, litres);
    }
}
