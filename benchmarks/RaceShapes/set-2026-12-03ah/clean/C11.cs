using System.Collections.Concurrent;

namespace Blind34.Falconry.WeighIn;

/// <summary>
/// Minimal single-threaded dispatcher for the mews desktop app: all work
/// posted to it runs in order on one dedicated thread, like a UI thread.
/// </summary>
public sealed class MewsDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public MewsDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "mews-ui" };
        _thread.Start();
    }

    public void Post(Action action) => _work.Add(action);

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { tcs.SetResult(func()); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}

public sealed class WeightEventArgs : EventArgs
{
    public WeightEventArgs(string bird, int grams) { Bird = bird; Grams = grams; }
    public string Bird { get; }
    public int Grams { get; }
}

/// <summary>Reads the perch scales; raises an event from the polling thread for each weighing.</summary>
public sealed class PerchScales
{
    public event EventHandler<WeightEventArgs>? Weighed;

    public Task PollAsync(Func<(string Bird, int Grams)?> read, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            if (read() is { } w)
            {
                Weighed?.Invoke(this, new WeightEventArgs(w.Bird, w.Grams));
            }

            await Task.Delay(250, ct).ConfigureAwait(false);
        }
    }, ct);
}

/// <summary>View-model for the weigh-in board.</summary>
public sealed class WeighInViewModel
{
    private readonly MewsDispatcher _dispatcher;
    private readonly Dictionary<string, int> _lastWeight = new();
    private readonly Dictionary<string, int> _flyingWeight;

    public WeighInViewModel(MewsDispatcher dispatcher, PerchScales scales, IReadOnlyDictionary<string, int> flyingWeight)
    {
        _dispatcher = dispatcher;
        _flyingWeight = new Dictionary<string, int>(flyingWeight);
        scales.Weighed += (_, e) => _dispatcher.Post(() => _lastWeight[e.Bird] = e.Grams);
    }

    public Task<IReadOnlyList<string>> ReadyToFlyAsync() =>
        _dispatcher.InvokeAsync<IReadOnlyList<string>>(() =>
            _lastWeight.Where(kv => _flyingWeight.TryGetValue(kv.Key, out var target) && Math.Abs(kv.Value - target) <= 10)
                .Select(kv => kv.Key)
                .ToList());
}
