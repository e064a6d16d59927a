using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Blind50.Circus.Rigging;

public sealed record RiggingPoint(string Id, double LoadKg, double RatedKg);

public interface IRiggingSensors
{
    Task<IReadOnlyList<RiggingPoint>> ReadAllAsync(CancellationToken cancellationToken);
}

public interface IUiDispatcher
{
    Task InvokeAsync(Action action);
}

/// <summary>
/// View-model of the big-top rigging monitor. Commands are invoked on the UI thread and the
/// view reads <see cref="Points"/>, <see cref="Warning"/> and <see cref="IsRefreshing"/> when it
/// redraws. Sensor reads and the load calculations run in the background.
/// </summary>
public sealed class RiggingMonitorViewModel : INotifyPropertyChanged
{
    private readonly IRiggingSensors _sensors;
    private readonly IUiDispatcher _dispatcher;
    private string _warning = "";
    private bool _isRefreshing;

    public RiggingMonitorViewModel(IRiggingSensors sensors, IUiDispatcher dispatcher)
    {
        _sensors = sensors;
        _dispatcher = dispatcher;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public ObservableCollection<RiggingPoint> Points { get; } = new();

    public string Warning
    {
        get => _warning;
        private set { _warning = value; OnPropertyChanged(); }
    }

    public bool IsRefreshing
    {
        get => _isRefreshing;
        private set { _isRefreshing = value; OnPropertyChanged(); }
    }

    /// <summary>Bound to the Refresh button; runs on the UI thread.</summary>
    public async void RefreshCommand()
    {
        if (IsRefreshing)
        {
            return;
        }

        IsRefreshing = true;
        try
        {
            var (points, warning) = await Task.Run(async () =>
            {
                var read = await _sensors.ReadAllAsync(CancellationToken.None).ConfigureAwait(false);
                var overloaded = read.Where(p => p.LoadKg > p.RatedKg * 0.8).Select(p => p.Id).ToList();
                var text = overloaded.Count == 0 ? "" : $"Check rigging: {string.Join(", ", overloaded)}";
                return (read.OrderByDescending(p => p.LoadKg / p.RatedKg).ToList(), text);
            }).ConfigureAwait(false);

            await _dispatcher.InvokeAsync(() =>
            {
                Points.Clear();
                foreach (var point in points)
                {
                    Points.Add(point);
                }

                Warning = warning;
                IsRefreshing = false;
            });
        }
        catch (Exception ex)
        {
            await _dispatcher.InvokeAsync(() =>
            {
                Warning = $"Sensor read failed: {ex.Message}";
                IsRefreshing = false;
            });
        }
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
