using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Glassblowing.FurnaceDashboard;

/// <summary>
/// Minimal single-threaded dispatcher standing in for the UI thread of the
/// studio's furnace dashboard.
/// </summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Dashboard UI" };
        _thread.Start();
    }

    public bool CheckAccess() => Thread.CurrentThread == _thread;

    public void Post(Action action) => _work.Add(action);

    private void Run()
    {
        foreach (var action in _work.GetConsumingEnumerable())
        {
            action();
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
    }
}

public readonly record struct FurnaceReading(double GlassTempC, double GloryHoleTempC, DateTimeOffset At);

public interface IFurnaceProbe
{
    Task<FurnaceReading> ReadAsync();
}

/// <summary>
/// View-model for the furnace panel, bound by the dashboard view.
/// </summary>
public sealed class FurnaceViewModel : INotifyPropertyChanged, IDisposable
{
    private readonly UiDispatcher _dispatcher;
    private readonly IFurnaceProbe _probe;
    private readonly Timer _autoRefresh;
    private double _glassTempC;
    private string _status = "Idle";
    private bool _isRefreshing;

    public FurnaceViewModel(UiDispatcher dispatcher, IFurnaceProbe probe)
    {
        _dispatcher = dispatcher;
        _probe = probe;
        _autoRefresh = new Timer(_ => _dispatcher.Post(Refresh), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public double GlassTempC
    {
        get => _glassTempC;
        private set { _glassTempC = value; OnPropertyChanged(); }
    }

    public string Status
    {
        get => _status;
        private set { _status = value; OnPropertyChanged(); }
    }

    /// <summary>Bound to the Refresh button; runs on the UI dispatcher.</summary>
    public void Refresh()
    {
        if (!_dispatcher.CheckAccess())
        {
            _dispatcher.Post(Refresh);
            return;
        }

        if (_isRefreshing)
        {
            return;
        }

        _isRefreshing = true;
        Status = "Reading furnace…";
        _ = Task.Run(async () =>
        {
            try
            {
                var reading = await _probe.ReadAsync().ConfigureAwait(false);
                _dispatcher.Post(() => Apply(reading));
            }
            catch (Exception ex)
            {
                _dispatcher.Post(() => Fail(ex.Message));
            }
        });
    }

    private void Apply(FurnaceReading reading)
    {
        GlassTempC = reading.GlassTempC;
        Status = reading.GlassTempC < 1090 ? "Below working temperature" : $"Ready ({reading.At:HH:mm:ss})";
        _isRefreshing = false;
    }

    private void Fail(string message)
    {
        Status = $"Probe error: {message}";
        _isRefreshing = false;
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));

    public void Dispose() => _autoRefresh.Dispose();
}
