using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Blind44.SnowGroomers.Dashboard;

/// <summary>
/// Minimal UI-thread dispatcher for the grooming dashboard: queued work runs one item at a time on a
/// dedicated thread, and awaits started on that thread resume on it.
/// </summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(Pump) { IsBackground = true, Name = "dashboard-ui" };
        _thread.Start();
    }

    public void Post(Action action) => _queue.Add((_ => action(), null));

    private void Pump()
    {
        SynchronizationContext.SetSynchronizationContext(new DispatcherContext(_queue));
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
            callback(state);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
    }

    private sealed class DispatcherContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue;

        public DispatcherContext(BlockingCollection<(SendOrPostCallback, object?)> queue) => _queue = queue;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));
        public override SynchronizationContext CreateCopy() => this;
    }
}

/// <summary>Drives a piste groomer through its route; progress is reported from the telemetry thread.</summary>
public sealed class PisteGroomer
{
    public event Action<string, int>? SectionGroomed;

    public Task<int> GroomAsync(IReadOnlyList<string> sections, CancellationToken ct) => Task.Run(async () =>
    {
        for (int i = 0; i < sections.Count; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            SectionGroomed?.Invoke(sections[i], (i + 1) * 100 / sections.Count);
        }
        return sections.Count;
    }, ct);
}

/// <summary>View-model behind the night-shift grooming screen.</summary>
public sealed class GroomingRunViewModel
{
    private readonly UiDispatcher _dispatcher;
    private readonly PisteGroomer _groomer;
    private CancellationTokenSource? _runCts;

    public GroomingRunViewModel(UiDispatcher dispatcher, PisteGroomer groomer)
    {
        _dispatcher = dispatcher;
        _groomer = groomer;
        _groomer.SectionGroomed += (section, percent) => _dispatcher.Post(() =>
        {
            ProgressPercent = percent;
            Log.Add($"{DateTime.Now:HH:mm} groomed {section}");
        });
    }

    public int ProgressPercent { get; private set; }
    public string StatusText { get; private set; } = "Idle";
    public int RunsCompleted { get; private set; }
    public ObservableCollection<string> Log { get; } = new();

    /// <summary>Bound to the Start button; the dispatcher invokes it on the UI thread.</summary>
    public async void OnStartClicked(IReadOnlyList<string> route)
    {
        if (_runCts is not null)
            return;

        _runCts = new CancellationTokenSource();
        StatusText = "Grooming";
        try
        {
            var groomed = await _groomer.GroomAsync(route, _runCts.Token);
            RunsCompleted++;
            StatusText = $"Done: {groomed} sections";
        }
        catch (OperationCanceledException)
        {
            StatusText = "Stopped";
        }
        finally
        {
            _runCts.Dispose();
            _runCts = null;
        }
    }

    /// <summary>Bound to the Stop button; also invoked on the UI thread.</summary>
    public void OnStopClicked() => _runCts?.Cancel();

    public void Start(IReadOnlyList<string> route) => _dispatcher.Post(() => OnStartClicked(route));
    public void Stop() => _dispatcher.Post(OnStopClicked);
}
