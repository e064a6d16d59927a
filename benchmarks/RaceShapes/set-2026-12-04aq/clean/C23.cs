namespace Blind43.Fireworks.CueCheck;

public sealed record CueResult(int Module, int Cue, bool Continuity, double Ohms);

public interface IFiringModule
{
    int Number { get; }
    Task<CueResult> TestCueAsync(int cue, CancellationToken ct);
}

/// <summary>
/// Pre-show continuity check of every cue on every firing module. The display must go up on
/// time, so the check is given a fixed budget; whatever was tested by then is reported.
/// </summary>
public sealed class ContinuityCheck
{
    private readonly IReadOnlyList<IFiringModule> _modules;
    private readonly int _cuesPerModule;

    public ContinuityCheck(IReadOnlyList<IFiringModule> modules, int cuesPerModule)
    {
        _modules = modules;
        _cuesPerModule = cuesPerModule;
    }

    public async Task<CheckReport> RunAsync(TimeSpan budget, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var results = new List<CueResult>();
        var gate = new object();

        var work = Task.Run(async () =>
        {
            foreach (var module in _modules)
            {
                for (var cue = 1; cue <= _cuesPerModule; cue++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var result = await module.TestCueAsync(cue, stop.Token).ConfigureAwait(false);
                    lock (gate)
                    {
                        results.Add(result);
                    }
                }
            }
        }, stop.Token);

        var timedOut = await Task.WhenAny(work, Task.Delay(budget, ct)).ConfigureAwait(false) != work;
        if (timedOut)
        {
            stop.Cancel();
        }

        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        CueResult[] tested;
        lock (gate)
        {
            tested = results.ToArray();
        }

        return new CheckReport(tested, _modules.Count * _cuesPerModule, !timedOut && !ct.IsCancellationRequested);
    }
}

public sealed record CheckReport(IReadOnlyList<CueResult> Tested, int TotalCues, bool Complete)
{
    public IEnumerable<CueResult> Failures => Tested.Where(r => !r.Continuity || r.Ohms > 5);

    public bool SafeToFire => Complete && !Failures.Any();
}
