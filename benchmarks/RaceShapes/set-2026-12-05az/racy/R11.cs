using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Pottery.Kilns;

public readonly record struct FiringCheckpoint(int KilnId, int Segment, double TemperatureC, DateTimeOffset At);

/// <summary>
/// Records firing-curve checkpoints for every kiln in the studio. Each kiln
/// controller reports from its own polling task; the studio display reads the
/// log at the end of the firing. The critical section is a single list append,
/// so a spin lock is used instead of a monitor.
/// </summary>
public sealed class FiringLog
{
    private readonly SpinLock _spin = new(enableThreadOwnerTracking: false);
    private readonly List<FiringCheckpoint> _checkpoints = new();

    public void Record(FiringCheckpoint checkpoint)
    {
        bool taken = false;
        try
        {
            _spin.Enter(ref taken);
            _checkpoints.Add(checkpoint);
        }
        finally
        {
            if (taken)
            {
                _spin.Exit();
            }
        }
    }

    public IReadOnlyList<FiringCheckpoint> Snapshot()
    {
        bool taken = false;
        try
        {
            _spin.Enter(ref taken);
            return _checkpoints.ToArray();
        }
        finally
        {
            if (taken)
            {
                _spin.Exit();
            }
        }
    }
}

public interface IKilnController
{
    int KilnId { get; }
    Task<double> ReadThermocoupleAsync(CancellationToken ct);
    int CurrentSegment { get; }
}

/// <summary>
/// Polls every kiln during a glaze firing and writes checkpoints to the shared log.
/// </summary>
public sealed class GlazeFiringMonitor
{
    private readonly FiringLog _log;
    private readonly IReadOnlyList<IKilnController> _kilns;

    public GlazeFiringMonitor(FiringLog log, IReadOnlyList<IKilnController> kilns)
    {
        _log = log;
        _kilns = kilns;
    }

    public Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        var pollers = new List<Task>();
        foreach (var kiln in _kilns)
        {
            pollers.Add(PollAsync(kiln, interval, ct));
        }

        return Task.WhenAll(pollers);
    }

    private async Task PollAsync(IKilnController kiln, TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            double temperature = await kiln.ReadThermocoupleAsync(ct).ConfigureAwait(false);
            _log.Record(new FiringCheckpoint(kiln.KilnId, kiln.CurrentSegment, temperature, DateTimeOffset.UtcNow));
        }
    }
}
