using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Blind59.ChessClub.LiveBoards;

public sealed record MovePlayed(int Board, int MoveNumber, string San, TimeSpan WhiteClock, TimeSpan BlackClock);

/// <summary>
/// One spectator connected to the club championship live board page.
/// </summary>
public sealed class SpectatorSession
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public SpectatorSession(Guid id, WebSocket socket)
    {
        Id = id;
        Socket = socket;
    }

    public Guid Id { get; }
    public WebSocket Socket { get; }

    public async Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Socket.State == WebSocketState.Open)
            {
                await Socket.SendAsync(payload, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

/// <summary>
/// Tracks connected spectators and pushes each move to all of them. Registered as a
/// singleton; the WebSocket endpoint adds and removes sessions while the DGT board
/// relay broadcasts moves.
/// </summary>
public sealed class LiveBoardHub
{
    private readonly object _gate = new();
    private readonly List<SpectatorSession> _sessions = new();

    public int Count
    {
        get { lock (_gate) { return _sessions.Count; } }
    }

    public void Add(SpectatorSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
        }
    }

    public void Remove(Guid id)
    {
        lock (_gate)
        {
            _sessions.RemoveAll(s => s.Id == id);
        }
    }

    public async Task BroadcastAsync(MovePlayed move, CancellationToken ct)
    {
        var payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(move));
        var recipients = _sessions.ToArray();

        var sends = new List<Task>(recipients.Length);
        foreach (var session in recipients)
        {
            sends.Add(SendOrDropAsync(session, payload, ct));
        }
        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task SendOrDropAsync(SpectatorSession session, byte[] payload, CancellationToken ct)
    {
        try
        {
            await session.SendAsync(payload, ct).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            Remove(session.Id);
        }
    }

    /// <summary>Runs for the lifetime of one spectator's connection.</summary>
    public async Task RunSessionAsync(WebSocket socket, CancellationToken ct)
    {
        var session = new SpectatorSession(Guid.NewGuid(), socket);
        Add(session);
        try
        {
            var buffer = new byte[256];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Remove(session.Id);
        }
    }
}
