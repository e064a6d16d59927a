using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;

namespace Blind40.AirshipTours.Commentary;

/// <summary>A passenger's headset app connected over a WebSocket.</summary>
public sealed class HeadsetConnection
{
    public HeadsetConnection(string passengerId, string language)
    {
        PassengerId = passengerId;
        Language = language;
    }

    public string PassengerId { get; }
    public string Language { get; }

    public Task SendAsync(string text, CancellationToken ct) => Task.Delay(1, ct);
}

/// <summary>
/// Registry of headsets listening to the guide's live commentary. Singleton;
/// the WebSocket endpoint adds and removes connections from request threads.
/// </summary>
public sealed class CommentaryHub
{
    private ImmutableList<HeadsetConnection> _listeners = ImmutableList<HeadsetConnection>.Empty;

    public IReadOnlyList<HeadsetConnection> Listeners => Volatile.Read(ref _listeners);

    public void Add(HeadsetConnection connection) =>
        ImmutableInterlocked.Update(ref _listeners, (list, c) => list.Add(c), connection);

    public void Remove(HeadsetConnection connection) =>
        ImmutableInterlocked.Update(ref _listeners, (list, c) => list.Remove(c), connection);
}

public interface ICommentaryFeed
{
    IAsyncEnumerable<(string Language, string Text)> ReadAllAsync(CancellationToken ct);
}

/// <summary>Relays each line of the guide's commentary to the passengers who chose that language.</summary>
public sealed class CommentaryRelay : BackgroundService
{
    private readonly CommentaryHub _hub;
    private readonly ICommentaryFeed _feed;

    public CommentaryRelay(CommentaryHub hub, ICommentaryFeed feed)
    {
        _hub = hub;
        _feed = feed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (language, text) in _feed.ReadAllAsync(stoppingToken))
        {
            var listeners = _hub.Listeners;
            var sends = new List<Task>(listeners.Count);
            foreach (var headset in listeners)
            {
                if (string.Equals(headset.Language, language, StringComparison.OrdinalIgnoreCase))
                {
                    sends.Add(SendQuietlyAsync(headset, text, stoppingToken));
                }
            }
            await Task.WhenAll(sends);
        }
    }

    private static async Task SendQuietlyAsync(HeadsetConnection headset, string text, CancellationToken ct)
    {
        try
        {
            await headset.SendAsync(text, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Dropped headsets are removed by the WebSocket endpoint.
        }
    }
}
