using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Blind54.Karaoke.RoomScreen;

/// <summary>
/// Minimal UI dispatcher for the room screen app: one thread runs queued callbacks in order
/// and is installed as the synchronization context of that thread.
/// </summary>
public sealed class RoomScreenDispatcher : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;

    public RoomScreenDispatcher()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "room-screen-ui" };
        _thread.Start();
    }

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Use Post from background threads.");

    private void Run()
    {
        SetSynchronizationContext(this);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}

public sealed record QueuedSong(string Title, string Artist, string Singer);

/// <summary>
/// View-model of the song queue shown on a karaoke room screen. All members are used from
/// the room screen's UI thread; the song catalogue is queried on the thread pool.
/// </summary>
public sealed class SongQueueViewModel
{
    private readonly Func<string, Task<IReadOnlyList<QueuedSong>>> _fetchQueue;
    private bool _isRefreshing;

    public SongQueueViewModel(Func<string, Task<IReadOnlyList<QueuedSong>>> fetchQueue) => _fetchQueue = fetchQueue;

    public ObservableCollection<QueuedSong> Songs { get; } = new();

    public string Status { get; private set; } = "Ready";

    /// <summary>Bound to the Refresh button; runs on the UI thread.</summary>
    public async void OnRefreshClicked(string roomId)
    {
        if (_isRefreshing)
        {
            return;
        }

        _isRefreshing = true;
        Status = "Refreshing…";
        try
        {
            var songs = await Task.Run(() => _fetchQueue(roomId));
            Songs.Clear();
            foreach (var song in songs)
            {
                Songs.Add(song);
            }

            Status = $"{Songs.Count} songs queued";
        }
        catch (HttpRequestException)
        {
            Status = "Catalogue offline";
        }
        finally
        {
            _isRefreshing = false;
        }
    }

    /// <summary>Starts the room screen: the view-model lives entirely on the dispatcher thread.</summary>
    public static void Open(RoomScreenDispatcher dispatcher, SongQueueViewModel viewModel, string roomId) =>
        dispatcher.Post(_ => viewModel.OnRefreshClicked(roomId), null);
}
