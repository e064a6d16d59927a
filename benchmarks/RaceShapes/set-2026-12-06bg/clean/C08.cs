using System.Collections.Immutable;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Blind59.Curling.LiveScores;

public sealed record EndScored(string Sheet, int End, string Team, int Stones);

/// <summary>
/// Pushes end-by-end scores from all sheets to spectators in the bar and online.
/// Singleton; sessions join and leave while scores are being broadcast.
/// </summary>
public sealed class ScoreFeedHub
{
    private ImmutableDictionary<Guid, ScoreFeedSession> _sessions = ImmutableDictionary<Guid, ScoreFeedSession>.Empty;

    public int Count => Volatile.Read(ref _sessions).Count;

    public ScoreFeedSession Join(WebSocket socket)
    {
        var session = new ScoreFeedSession(Guid.NewGuid(), socket);
        ImmutableInterlocked.TryAdd(ref _sessions, session.Id, session);
        return session;
    }

    public void Leave(Guid id) => ImmutableInterlocked.TryRemove(ref _sessions, id, out _);

    public async Task BroadcastAsync(EndScored score, CancellationToken ct)
    {
        var payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(score));
        var snapshot = Volatile.Read(ref _sessions);

        var sends = new List<Task>(snapshot.Count);
        foreach (var session in snapshot.Values)
        {
            sends.Add(SendAsync(session, payload, ct));
        }
        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task SendAsync(ScoreFeedSession session, byte[] payload, CancellationToken ct)
    {
        try
        {
            await session.SendAsync(payload, ct).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            Leave(session.Id);
        }
    }
}

/// <summary>
/// One spectator connection.
/// </summary>
public sealed class ScoreFeedSession
{
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    public ScoreFeedSession(Guid id, WebSocket socket)
    {
        Id = id;
        Socket = socket;
    }

    public Guid Id { get; }
    public WebSocket Socket { get; }

    public async Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _sendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await Socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public async Task ReceiveUntilClosedAsync(CancellationToken ct)
    {
        var buffer = new byte[128];
        while (Socket.State == WebSocketState.Open)
        {
            var result = await Socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await _sendGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
                }
                finally
                {
                    _sendGate.Release();
                }
            }
        }
    }
}

public static class ScoreFeedEndpoint
{
    public static async Task RunAsync(ScoreFeedHub hub, WebSocket socket, CancellationToken ct)
    {
        var session = hub.Join(socket);
        try
        {
            await session.ReceiveUntilClosedAsync(ct);
        }
        finally
        {
            hub.Leave(session.Id);
        }
    }
}
