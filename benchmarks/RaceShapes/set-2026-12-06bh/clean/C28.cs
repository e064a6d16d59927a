using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace Blind60.Planetarium.ShowControl;

/// <summary>
/// Keeps track of the operator consoles and seat-side tablets connected to the dome's
/// show-control WebSocket, and broadcasts cue changes to all of them. Registered as a
/// singleton; connections come and go while broadcasts are in progress.
/// </summary>
public sealed class DomeSessionManager
{
    private sealed class Session
    {
        public Session(WebSocket socket) => Socket = socket;
        public WebSocket Socket { get; }
        public SemaphoreSlim SendLock { get; } = new(1, 1);
    }

    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();

    public Guid Register(WebSocket socket)
    {
        var id = Guid.NewGuid();
        _sessions[id] = new Session(socket);
        return id;
    }

    public void Unregister(Guid id)
    {
        _sessions.TryRemove(id, out _);
    }

    public int Count => _sessions.Count;

    public async Task<int> BroadcastAsync(string cue, CancellationToken ct)
    {
        var payload = Encoding.UTF8.GetBytes(cue);
        var sends = new List<Task<bool>>();
        foreach (var (id, session) in _sessions)
        {
            sends.Add(SendAsync(id, session, payload, ct));
        }
        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    private async Task<bool> SendAsync(Guid id, Session session, byte[] payload, CancellationToken ct)
    {
        // WebSocket allows only one outstanding send at a time per socket.
        await session.SendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (session.Socket.State != WebSocketState.Open)
            {
                Unregister(id);
                return false;
            }
            await session.Socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
            return true;
        }
        catch (WebSocketException)
        {
            Unregister(id);
            return false;
        }
        finally
        {
            session.SendLock.Release();
        }
    }
}
