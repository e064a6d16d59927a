using Microsoft.Extensions.Logging;

namespace Bakery.Ovens;

public sealed record Tray(int Number, string Product, DateTime OutAt);

public interface IOvenController
{
    Task<string> BakeTrayAsync(int trayNumber, CancellationToken ct);
    void OpenVents();
}

/// <summary>
/// Runs one batch through a deck oven, tray by tray. The shift lead can abort the
/// batch from the floor terminal, in which case the finished trays go to the day-old rack.
/// </summary>
public sealed class OvenBatchRun
{
    private readonly IOvenController _oven;
    private readonly ILogger _logger;
    private readonly List<Tray> _finished = new();
    private readonly List<Tray> _dayOldRack = new();

    public OvenBatchRun(IOvenController oven, ILogger logger)
    {
        _oven = oven;
        _logger = logger;
    }

    public IReadOnlyList<Tray> DayOldRack => _dayOldRack;

    public async Task<IReadOnlyList<Tray>> RunAsync(int trays, CancellationToken abortToken)
    {
        using var registration = abortToken.Register(OnAbort);

        for (var i = 1; i <= trays; i++)
        {
            if (abortToken.IsCancellationRequested)
            {
                break;
            }

            string product;
            try
            {
                product = await _oven.BakeTrayAsync(i, abortToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            _finished.Add(new Tray(i, product, DateTime.Now));
            _logger.LogDebug("Tray {Tray} out of the oven", i);
        }

        return _finished.ToArray();
    }

    private void OnAbort()
    {
        _logger.LogWarning("Batch aborted with {Count} finished trays", _finished.Count);
        _oven.OpenVents();
        _dayOldRack.AddRange(_finished);
        _finished.Clear();
    }
}

/// <summary>
/// Floor terminal that starts batches and lets the shift lead abort them.
/// </summary>
public sealed class FloorTerminal
{
    private readonly CancellationTokenSource _abort = new();

    public Task<IReadOnlyList<Tray>> Start(OvenBatchRun run, int trays) => run.RunAsync(trays, _abort.Token);

    public void AbortButtonPressed() => _abort.Cancel();
}
