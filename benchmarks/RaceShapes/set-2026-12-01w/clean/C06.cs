using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Atelier.Blending.Station;

public sealed class PumpRunFinishedEventArgs : EventArgs
{
    public PumpRunFinishedEventArgs(string formula, double millilitres)
    {
        Formula = formula;
        Millilitres = millilitres;
    }

    public string Formula { get; }
    public double Millilitres { get; }
}

/// <summary>
/// Drives the dosing pumps of one blending station. Pump work runs on a background task
/// and <see cref="RunFinished"/> is raised from that task.
/// </summary>
public sealed class DosingPumpController
{
    public event EventHandler<PumpRunFinishedEventArgs>? RunFinished;

    public Task RunAsync(string formula, IReadOnlyDictionary<string, double> notes, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            double total = 0;
            foreach (var (_, ml) in notes)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(ml * 40), ct);
                total += ml;
            }
            RunFinished?.Invoke(this, new PumpRunFinishedEventArgs(formula, total));
        }, ct);
    }
}

/// <summary>View-model behind the blending station screen.</summary>
public sealed class BlendHistoryViewModel : INotifyPropertyChanged
{
    private readonly object _historyLock = new();
    private readonly List<string> _history = new();
    private double _dispensedToday;

    public BlendHistoryViewModel(DosingPumpController controller)
    {
        controller.RunFinished += OnRunFinished;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public IReadOnlyList<string> History
    {
        get
        {
            lock (_historyLock)
            {
                return _history.ToArray();
            }
        }
    }

    public string DispensedTodayText
    {
        get
        {
            lock (_historyLock)
            {
                return $"{_dispensedToday:F1} ml";
            }
        }
    }

    private void OnRunFinished(object? sender, PumpRunFinishedEventArgs e)
    {
        lock (_historyLock)
        {
            _history.Insert(0, $"{DateTime.Now:HH:mm} {e.Formula} ({e.Millilitres:F1} ml)");
            if (_history.Count > 20)
            {
                _history.RemoveAt(_history.Count - 1);
            }
            _dispensedToday += e.Millilitres;
        }

        OnPropertyChanged(nameof(History));
        OnPropertyChanged(nameof(DispensedTodayText));
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null)
        => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
