namespace Blind26.PipeOrgan.Session;

public interface IPipeTuner
{
    Task NudgeAsync(string pipe, double cents, CancellationToken ct);
}

/// <summary>
/// Tracks the cumulative adjustment applied to each pipe during a tuning session. Several
/// tuners work the console at once (one at the keys, others in the chamber with tablets),
/// so requests arrive concurrently from the session hub.
/// </summary>
public sealed class OrganTuningSession : IDisposable
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<string, double> _offsetCents = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPipeTuner _tuner;
    private int _revision;

    public OrganTuningSession(IPipeTuner tuner) => _tuner = tuner;

    public async Task<int> ApplyAsync(string pipe, double cents, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _tuner.NudgeAsync(pipe, cents, ct).ConfigureAwait(false);
            return RecordCore(pipe, cents);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<int> ApplyManyAsync(IReadOnlyDictionary<string, double> adjustments, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            int revision = _revision;
            foreach (var (pipe, cents) in adjustments)
            {
                await _tuner.NudgeAsync(pipe, cents, ct).ConfigureAwait(false);
                revision = RecordCore(pipe, cents);
            }

            return revision;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<(int Revision, IReadOnlyDictionary<string, double> Offsets)> SnapshotAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return (_revision, new Dictionary<string, double>(_offsetCents, StringComparer.OrdinalIgnoreCase));
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _offsetCents.Clear();
            _revision++;
        }
        finally
        {
            _mutex.Release();
        }
    }

    private int RecordCore(string pipe, double cents)
    {
        _offsetCents.TryGetValue(pipe, out double current);
        _offsetCents[pipe] = current + cents;
        return ++_revision;
    }

    public void Dispose() => _mutex.Dispose();
}
