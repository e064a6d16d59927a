using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Blind38.Ferry.Departures;

/// <summary>
/// Minimal single-threaded dispatcher for the terminal display app: work posted to it runs
/// in order on its own UI thread.
/// </summary>
public sealed class DisplayDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public DisplayDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "display-ui" };
        _thread.Start();
    }

    public bool CheckAccess() => Thread.CurrentThread == _thread;

    public void Post(Action action) => _work.Add(action);

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { tcs.SetResult(func()); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        if (!CheckAccess())
        {
            _thread.Join();
        }
    }
}

public sealed record DepartureUpdate(string Sailing, string Vessel, DateTime ScheduledUtc, string Status);

/// <summary>
/// View-model behind the terminal departures board. Updates arrive as events raised on the
/// vessel-tracking client's socket thread and are applied on the display thread.
/// </summary>
public sealed class DeparturesBoardViewModel
{
    private readonly DisplayDispatcher _dispatcher;
    private readonly Dictionary<string, int> _rowBySailing = new();

    public DeparturesBoardViewModel(DisplayDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
    }

    public ObservableCollection<DepartureUpdate> Rows { get; } = new();

    public string Banner { get; private set; } = "All sailings on time";

    public void Attach(IVesselTracker tracker) => tracker.DepartureChanged += OnDepartureChanged;

    public Task<int> CountDelayedAsync() =>
        _dispatcher.InvokeAsync(() => Rows.Count(r => r.Status.StartsWith("Delayed", StringComparison.Ordinal)));

    private void OnDepartureChanged(object? sender, DepartureUpdate update) =>
        _dispatcher.Post(() => Apply(update));

    private void Apply(DepartureUpdate update)
    {
        if (_rowBySailing.TryGetValue(update.Sailing, out var index))
        {
            Rows[index] = update;
        }
        else
        {
            _rowBySailing[update.Sailing] = Rows.Count;
            Rows.Add(update);
        }

        var delayed = Rows.Count(r => r.Status.StartsWith("Delayed", StringComparison.Ordinal));
        Banner = delayed == 0 ? "All sailings on time" : $"{delayed} sailing(s) delayed";
    }
}

public interface IVesselTracker
{
    event EventHandler<DepartureUpdate> DepartureChanged;
}
