using System.Timers;

namespace AquariumLifeSupport.Dosing;

public interface IDosingPump
{
    Task DoseAsync(string tankId, double millilitres, CancellationToken ct);
}

public interface IWaterChemistry
{
    Task<double> ReadAlkalinityAsync(string tankId, CancellationToken ct);
}

/// <summary>
/// Doses buffer solution into a reef tank while a dosing cycle is active. The aquarist's
/// control panel starts and stops cycles; the pump is driven from a timer.
/// </summary>
public sealed class AlkalinityDoser : IDisposable
{
    private readonly string _tankId;
    private readonly IDosingPump _pump;
    private readonly IWaterChemistry _chemistry;
    private readonly System.Timers.Timer _timer;
    private CancellationTokenSource? _cycleCts;
    private readonly double _targetDkh;

    public AlkalinityDoser(string tankId, double targetDkh, IDosingPump pump, IWaterChemistry chemistry)
    {
        _tankId = tankId;
        _targetDkh = targetDkh;
        _pump = pump;
        _chemistry = chemistry;
        _timer = new System.Timers.Timer(TimeSpan.FromMinutes(2).TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public event Action<string>? DoseFailed;

    public void StartCycle()
    {
        _cycleCts = new CancellationTokenSource();
        _timer.Start();
    }

    private async void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        var token = _cycleCts?.Token ?? CancellationToken.None;
        try
        {
            double dkh = await _chemistry.ReadAlkalinityAsync(_tankId, token);
            double deficit = _targetDkh - dkh;
            if (deficit <= 0.05)
            {
                return;
            }
            double ml = Math.Min(deficit * 12.0, 40.0);
            await _pump.DoseAsync(_tankId, ml, token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            DoseFailed?.Invoke(ex.Message);
        }
    }

    public void StopCycle()
    {
        _timer.Stop();
        _cycleCts?.Cancel();
        _cycleCts?.Dispose();
        _cycleCts = null;
    }

    public void Dispose()
    {
        StopCycle();
        _timer.Dispose();
    }
}
