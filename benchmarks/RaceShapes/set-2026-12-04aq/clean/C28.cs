using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Blind43.Orchids.Dashboard;

/// <summary>Minimal UI dispatcher: runs posted actions one at a time on its own thread.</summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }) { IsBackground = true, Name = "UI" };
        _thread.Start();
    }

    public void Post(Action action) => _work.Add(action);

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}

public sealed record BenchReading(string Bench, string Genus, double LeafTempC, double Humidity);

public interface IGreenhouseApi
{
    Task<IReadOnlyList<BenchReading>> ReadBenchesAsync(CancellationToken ct);
}

/// <summary>
/// View-model for the orchid house dashboard. Slow API calls run on the thread pool and the
/// results are applied through the UI dispatcher.
/// </summary>
public sealed class GreenhouseViewModel : INotifyPropertyChanged
{
    private readonly UiDispatcher _ui;
    private readonly IGreenhouseApi _api;
    private bool _isBusy;
    private string _status = "";
    private int _refreshGeneration;

    public GreenhouseViewModel(UiDispatcher ui, IGreenhouseApi api)
    {
        _ui = ui;
        _api = api;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public ObservableCollection<BenchReading> Benches { get; } = new();

    public bool IsBusy
    {
        get => _isBusy;
        private set { _isBusy = value; OnPropertyChanged(); }
    }

    public string Status
    {
        get => _status;
        private set { _status = value; OnPropertyChanged(); }
    }

    /// <summary>Bound to the Refresh button; invoked on the UI dispatcher.</summary>
    public void RefreshCommand()
    {
        var generation = ++_refreshGeneration;
        IsBusy = true;
        Status = "Reading benches...";

        Task.Run(() => _api.ReadBenchesAsync(CancellationToken.None)).ContinueWith(t =>
        {
            _ui.Post(() => Apply(generation, t));
        }, TaskScheduler.Default);
    }

    private void Apply(int generation, Task<IReadOnlyList<BenchReading>> result)
    {
        if (generation != _refreshGeneration)
        {
            return;
        }

        if (result.IsCompletedSuccessfully)
        {
            Benches.Clear();
            foreach (var reading in result.Result.OrderBy(r => r.Bench, StringComparer.Ordinal))
            {
                Benches.Add(reading);
            }

            Status = $"{Benches.Count} benches, warmest {Benches.Select(b => b.LeafTempC).DefaultIfEmpty().Max():0.0} °C";
        }
        else
        {
            Status = "Could not reach the greenhouse controller.";
        }

        IsBusy = false;
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}

/// <summary>Dashboard window: refreshes automatically every minute while it is open.</summary>
public sealed class DashboardWindow : IDisposable
{
    private readonly UiDispatcher _ui;
    private readonly GreenhouseViewModel _viewModel;
    private readonly Timer _autoRefresh;

    public DashboardWindow(UiDispatcher ui, GreenhouseViewModel viewModel)
    {
        _ui = ui;
        _viewModel = viewModel;
        _autoRefresh = new Timer(_ => _ui.Post(_viewModel.RefreshCommand), null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    public void Dispose() => _autoRefresh.Dispose();
}
