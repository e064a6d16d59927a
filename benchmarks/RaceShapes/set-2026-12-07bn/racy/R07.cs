using Microsoft.Extensions.Logging;

namespace Blind66.PeatCutting.Yard;

public sealed class BatchCompletedEventArgs : EventArgs
{
    public BatchCompletedEventArgs(string bank, int sods)
    {
        Bank = bank;
        Sods = sods;
    }

    public string Bank { get; }
    public int Sods { get; }
}

public interface IBankCutter
{
    Task<int> CutStripAsync(string bank, CancellationToken ct);
}

public interface IRackInventory
{
    Task<int> GetFreeCapacityAsync(string bank, CancellationToken ct = default);
    Task ReserveAsync(string bank, int sods, CancellationToken ct = default);
}

/// <summary>Runs one cutting team per bank and reports each finished strip.</summary>
public sealed class CuttingCrew
{
    private readonly IBankCutter _cutter;

    public CuttingCrew(IBankCutter cutter) => _cutter = cutter;

    public event EventHandler<BatchCompletedEventArgs>? BatchCompleted;

    public Task RunAsync(IEnumerable<string> banks, int stripsPerBank, CancellationToken ct) =>
        Task.WhenAll(banks.Select(bank => Task.Run(async () =>
        {
            for (var strip = 0; strip < stripsPerBank; strip++)
            {
                var sods = await _cutter.CutStripAsync(bank, ct);
                BatchCompleted?.Invoke(this, new BatchCompletedEventArgs(bank, sods));
            }
        }, ct)));
}

/// <summary>
/// Books drying-rack space for every strip the crew finishes and keeps track of how many
/// sods are still lying on the bank waiting for a rack.
/// </summary>
public sealed class DryingYardPlanner
{
    private readonly IRackInventory _racks;
    private readonly ILogger<DryingYardPlanner> _logger;
    private int _sodsAwaitingRacks;

    public DryingYardPlanner(IRackInventory racks, ILogger<DryingYardPlanner> logger)
    {
        _racks = racks;
        _logger = logger;
    }

    public int SodsAwaitingRacks => Volatile.Read(ref _sodsAwaitingRacks);

    public void Attach(CuttingCrew crew) => crew.BatchCompleted += OnBatchCompleted;

    public void Detach(CuttingCrew crew) => crew.BatchCompleted -= OnBatchCompleted;

    private async void OnBatchCompleted(object? sender, BatchCompletedEventArgs e)
    {
        try
        {
            var free = await _racks.GetFreeCapacityAsync(e.Bank);
            var placed = Math.Min(free, e.Sods);
            if (placed > 0)
            {
                await _racks.ReserveAsync(e.Bank, placed);
            }

            _sodsAwaitingRacks += e.Sods - placed;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not book racks for {Bank}", e.Bank);
        }
    }
}
