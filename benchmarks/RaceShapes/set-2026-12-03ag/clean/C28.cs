using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Kennel.Desktop;

/// <summary>
/// Minimal single-threaded dispatcher used by the kennel desktop app: every
/// queued action runs, in order, on the dispatcher's own thread.
/// </summary>
public sealed class KennelDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public KennelDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _queue.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "kennel-ui" };
        _thread.Start();
    }

    public void Post(Action action) => _queue.Add(action);

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
    }
}

public sealed record DogRow(string Name, string Run, bool Fed);

public interface IKennelApi
{
    Task<IReadOnlyList<DogRow>> LoadDogsAsync(CancellationToken ct);
}

/// <summary>
/// View-model for the feeding board. Loads happen on the thread pool; all
/// changes to bound properties are posted back to the dispatcher thread.
/// </summary>
public sealed class FeedingBoardViewModel
{
    private readonly KennelDispatcher _dispatcher;
    private readonly IKennelApi _api;
    private string _status = "Idle";
    private int _unfedCount;

    private readonly ObservableCollection<DogRow> _dogs = new();

    public FeedingBoardViewModel(KennelDispatcher dispatcher, IKennelApi api)
    {
        _dispatcher = dispatcher;
        _api = api;
        Dogs = new ReadOnlyObservableCollection<DogRow>(_dogs);
    }

    /// <summary>Bound by the feeding board grid on the dispatcher thread.</summary>
    public ReadOnlyObservableCollection<DogRow> Dogs { get; }

    public string Status => Volatile.Read(ref _status);
    public int UnfedCount => Volatile.Read(ref _unfedCount);

    /// <summary>Invoked by the Refresh button.</summary>
    public async void OnRefreshClicked()
    {
        _dispatcher.Post(() => Volatile.Write(ref _status, "Loading..."));
        try
        {
            var rows = await Task.Run(() => _api.LoadDogsAsync(CancellationToken.None)).ConfigureAwait(false);
            int unfed = rows.Count(r => !r.Fed);

            _dispatcher.Post(() =>
            {
                _dogs.Clear();
                foreach (var row in rows)
                {
                    _dogs.Add(row);
                }
                Volatile.Write(ref _unfedCount, unfed);
                Volatile.Write(ref _status, $"{rows.Count} dogs, {unfed} still to feed");
            });
        }
        catch (Exception ex)
        {
            _dispatcher.Post(() => Volatile.Write(ref _status, $"Load failed: {ex.Message}"));
        }
    }
}
