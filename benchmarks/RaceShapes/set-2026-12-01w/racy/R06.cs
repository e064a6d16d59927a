using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Atelier.Blending.Desktop;

public sealed class BlendCompletedEventArgs : EventArgs
{
    public BlendCompletedEventArgs(string formula, double millilitres)
    {
        Formula = formula;
        Millilitres = millilitres;
    }

    public string Formula { get; }
    public double Millilitres { get; }
}

/// <summary>
/// Drives the dosing pumps of one blending station. Pump work runs on a background task.
/// </summary>
public sealed class BlendingStationDriver
{
    public event EventHandler<BlendCompletedEventArgs>? BlendCompleted;

    public Task RunBlendAsync(string formula, IReadOnlyDictionary<string, double> notes, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            double total = 0;
            foreach (var (essence, ml) in notes)
            {
                ct.ThrowIfCancellationRequested();
                await Task.Delay(TimeSpan.FromMilliseconds(ml * 40), ct); // pump time
                total += ml;
            }
            BlendCompleted?.Invoke(this, new BlendCompletedEventArgs(formula, total));
        }, ct);
    }
}

/// <summary>View-model behind the station screen.</summary>
public sealed class StationViewModel : INotifyPropertyChanged
{
    private readonly BlendingStationDriver _driver;
    private readonly List<string> _recentBlends = new();

    public StationViewModel(BlendingStationDriver driver)
    {
        _driver = driver;
        _driver.BlendCompleted += OnBlendCompleted;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Bound to the history list on the screen; read on the UI thread.</summary>
    public IReadOnlyList<string> RecentBlends => _recentBlends.ToArray();

    public async void StartBlendCommand(string formula, IReadOnlyDictionary<string, double> notes)
    {
        try
        {
            await _driver.RunBlendAsync(formula, notes, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnBlendCompleted(object? sender, BlendCompletedEventArgs e)
    {
        _recentBlends.Insert(0, $"{DateTime.Now:HH:mm} {e.Formula} ({e.Millilitres:F1} ml)");
        if (_recentBlends.Count > 20)
        {
            _recentBlends.RemoveAt(_recentBlends.Count - 1);
        }
        OnPropertyChanged(nameof(RecentBlends));
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null)
        => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
