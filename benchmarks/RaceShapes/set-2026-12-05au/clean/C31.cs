using System.Collections.Concurrent;
using System.ComponentModel;

namespace Blind47.Rafting.Gauges;

/// <summary>Single-threaded dispatcher standing in for the desktop app's UI thread.</summary>
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
        }) { Name = "ui", IsBackground = true };
        _thread.Start();
    }

    public bool CheckAccess() => Thread.CurrentThread == _thread;

    public void BeginInvoke(Action action) => _work.Add(action);

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
    }
}

/// <summary>
/// View-model for the outfitter's river-level screen. The gauge feed raises
/// readings on a worker thread and the view-model applies them through the
/// dispatcher.
/// </summary>
public sealed class RiverLevelViewModel : INotifyPropertyChanged
{
    private readonly UiDispatcher _dispatcher;
    private double _levelMetres;
    private string _grade = "unknown";
    private DateTime _updated;

    public RiverLevelViewModel(UiDispatcher dispatcher, RiverGaugeFeed feed)
    {
        _dispatcher = dispatcher;
        feed.ReadingReceived += OnReading;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public double LevelMetres
    {
        get
        {
            VerifyAccess();
            return _levelMetres;
        }
    }

    public string Grade
    {
        get
        {
            VerifyAccess();
            return _grade;
        }
    }

    public DateTime Updated
    {
        get
        {
            VerifyAccess();
            return _updated;
        }
    }

    private void VerifyAccess()
    {
        if (!_dispatcher.CheckAccess())
        {
            throw new InvalidOperationException("The river-level view-model belongs to the UI thread.");
        }
    }

    private void OnReading(object? sender, double metres)
    {
        _dispatcher.BeginInvoke(() => Apply(metres));
    }

    private void Apply(double metres)
    {
        _levelMetres = metres;
        _grade = metres switch
        {
            < 0.4 => "too low to run",
            < 0.9 => "grade II",
            < 1.5 => "grade III",
            < 2.2 => "grade IV, guides only",
            _ => "closed",
        };
        _updated = DateTime.Now;
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(null));
    }
}

public sealed class RiverGaugeFeed
{
    public event EventHandler<double>? ReadingReceived;

    public Task PollAsync(Func<CancellationToken, Task<double>> readGauge, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            ReadingReceived?.Invoke(this, await readGauge(ct));
            await Task.Delay(TimeSpan.FromMinutes(5), ct);
        }
    }, ct);
}
