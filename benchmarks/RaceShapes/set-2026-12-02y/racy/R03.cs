using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Falconry.Mews;

public sealed class WeighInEventArgs : EventArgs
{
    public WeighInEventArgs(string bird, int grams) { Bird = bird; Grams = grams; }
    public string Bird { get; }
    public int Grams { get; }
}

/// <summary>
/// Polls the perch scales in the mews. Readings arrive on a timer callback.
/// </summary>
public sealed class PerchScaleMonitor : IDisposable
{
    private readonly Timer _timer;
    private readonly Func<IEnumerable<(string Bird, int Grams)>> _readScales;

    public PerchScaleMonitor(Func<IEnumerable<(string Bird, int Grams)>> readScales, TimeSpan interval)
    {
        _readScales = readScales;
        _timer = new Timer(_ => Poll(), null, interval, interval);
    }

    public event EventHandler<WeighInEventArgs>? BirdWeighed;

    private void Poll()
    {
        foreach (var (bird, grams) in _readScales())
        {
            BirdWeighed?.Invoke(this, new WeighInEventArgs(bird, grams));
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// View-model behind the mews overview screen. Bound by the desktop shell; the
/// summary text and flying-weight flags are read by bindings on the UI thread.
/// </summary>
public sealed class MewsOverviewViewModel : INotifyPropertyChanged, IDisposable
{
    private readonly PerchScaleMonitor _monitor;
    private readonly Dictionary<string, int> _latestWeights = new();
    private readonly IReadOnlyDictionary<string, int> _flyingWeights;

    public MewsOverviewViewModel(PerchScaleMonitor monitor, IReadOnlyDictionary<string, int> flyingWeights)
    {
        _monitor = monitor;
        _flyingWeights = flyingWeights;
        _monitor.BirdWeighed += OnBirdWeighed;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public string Summary =>
        string.Join(", ", _latestWeights.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value} g"));

    public IReadOnlyList<string> BirdsReadyToFly =>
        _latestWeights
            .Where(kv => _flyingWeights.TryGetValue(kv.Key, out var target) && kv.Value <= target)
            .Select(kv => kv.Key)
            .ToList();

    public void ClearReadings()
    {
        _latestWeights.Clear();
        OnPropertyChanged(nameof(Summary));
        OnPropertyChanged(nameof(BirdsReadyToFly));
    }

    private void OnBirdWeighed(object? sender, WeighInEventArgs e)
    {
        _latestWeights[e.Bird] = e.Grams;
        OnPropertyChanged(nameof(Summary));
        OnPropertyChanged(nameof(BirdsReadyToFly));
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));

    public void Dispose()
    {
        _monitor.BirdWeighed -= OnBirdWeighed;
    }
}
