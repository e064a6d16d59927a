using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind42.GoatDairy.Milking;

public sealed class MilkingCompletedEventArgs : EventArgs
{
    public MilkingCompletedEventArgs(string goatTag, double litres)
    {
        GoatTag = goatTag;
        Litres = litres;
    }

    public string GoatTag { get; }
    public double Litres { get; }
}

/// <summary>The milking parlour's stall controller; raises an event from its I/O thread per goat.</summary>
public interface IParlourController
{
    event EventHandler<MilkingCompletedEventArgs> MilkingCompleted;
}

/// <summary>
/// Hosted service keeping the day's yield per goat. Events arrive on the parlour's I/O threads;
/// each is persisted asynchronously and then folded into the in-memory tallies.
/// </summary>
public sealed class MilkYieldRecorder : BackgroundService
{
    private readonly IParlourController _parlour;
    private readonly Func<string, double, Task> _persist;
    private readonly ILogger<MilkYieldRecorder> _logger;
    private readonly SemaphoreSlim _tallyGate = new(1, 1);
    private readonly Dictionary<string, double> _litresByGoat = new();
    private double _totalLitres;

    public MilkYieldRecorder(IParlourController parlour, Func<string, double, Task> persist, ILogger<MilkYieldRecorder> logger)
    {
        _parlour = parlour;
        _persist = persist;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _parlour.MilkingCompleted += OnMilkingCompleted;
        stoppingToken.Register(() => _parlour.MilkingCompleted -= OnMilkingCompleted);
        return Task.CompletedTask;
    }

    private async void OnMilkingCompleted(object? sender, MilkingCompletedEventArgs e)
    {
        try
        {
            await _persist(e.GoatTag, e.Litres).ConfigureAwait(false);

            await _tallyGate.WaitAsync().ConfigureAwait(false);
            try
            {
                _litresByGoat[e.GoatTag] = _litresByGoat.GetValueOrDefault(e.GoatTag) + e.Litres;
                _totalLitres += e.Litres;
            }
            finally
            {
                _tallyGate.Release();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Failed to record milking for {GoatTag}", e.GoatTag);
        }
    }

    public async Task<(double Total, IReadOnlyDictionary<string, double> ByGoat)> GetTalliesAsync(CancellationToken cancellationToken)
    {
        await _tallyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (_totalLitres, new Dictionary<string, double>(_litresByGoat));
        }
        finally
        {
            _tallyGate.Release();
        }
    }
}
