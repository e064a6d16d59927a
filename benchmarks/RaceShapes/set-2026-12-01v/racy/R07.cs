using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Blind22.CableCar.Spacing;

public sealed class CabinPositionEventArgs : EventArgs
{
    public CabinPositionEventArgs(int cabinId, double metresAlongLine, double gapToNextMetres)
    {
        CabinId = cabinId;
        MetresAlongLine = metresAlongLine;
        GapToNextMetres = gapToNextMetres;
    }

    public int CabinId { get; }
    public double MetresAlongLine { get; }
    public double GapToNextMetres { get; }
}

/// <summary>
/// Reads each cabin's grip encoder on its own polling task and raises
/// <see cref="PositionChanged"/> from that task.
/// </summary>
public sealed class CabinTelemetryFeed
{
    public event EventHandler<CabinPositionEventArgs>? PositionChanged;

    public Task RunAsync(IReadOnlyList<Func<(double Position, double Gap)>> encoders, CancellationToken ct)
    {
        var pollers = encoders.Select((read, index) => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var (position, gap) = read();
                PositionChanged?.Invoke(this, new CabinPositionEventArgs(index + 1, position, gap));
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }, ct));
        return Task.WhenAll(pollers);
    }
}

/// <summary>
/// Operator console view-model: shows the tightest spacing seen on the line this shift.
/// </summary>
public sealed class LineSpacingViewModel : INotifyPropertyChanged
{
    private double _tightestGapMetres = double.MaxValue;
    private int _tightestCabin;

    public LineSpacingViewModel(CabinTelemetryFeed feed)
    {
        feed.PositionChanged += OnPositionChanged;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public double MinimumSafeGapMetres { get; init; } = 180;

    public double TightestGapMetres => _tightestGapMetres;

    public int TightestCabin => _tightestCabin;

    public bool SpacingAlarm => _tightestGapMetres < MinimumSafeGapMetres;

    private void OnPositionChanged(object? sender, CabinPositionEventArgs e)
    {
        if (e.GapToNextMetres < _tightestGapMetres)
        {
            _tightestGapMetres = e.GapToNextMetres;
            _tightestCabin = e.CabinId;
            Raise(nameof(TightestGapMetres));
            Raise(nameof(SpacingAlarm));
        }
    }

    public void ResetShift()
    {
        _tightestGapMetres = double.MaxValue;
        _tightestCabin = 0;
        Raise(nameof(TightestGapMetres));
    }

    private void Raise([CallerMemberName] string? name = null)
        => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
