using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Blind22.MountainRescue.CallOuts;

public sealed record CallOut(Guid Id, string Location, string Casualty, DateTimeOffset RaisedAt);

public sealed record Availability(string MemberId, string Name, int EtaMinutes);

/// <summary>
/// App-wide record of open call-outs and which team members have responded. Registered
/// as a singleton; every hub connection uses it.
/// </summary>
public sealed class CallOutBoard
{
    private readonly ConcurrentDictionary<Guid, CallOut> _open = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Availability>> _responses = new();

    public CallOut Raise(string location, string casualty)
    {
        var callOut = new CallOut(Guid.NewGuid(), location, casualty, DateTimeOffset.UtcNow);
        _responses[callOut.Id] = new ConcurrentDictionary<string, Availability>();
        _open[callOut.Id] = callOut;
        return callOut;
    }

    public bool Respond(Guid callOutId, Availability availability)
    {
        if (!_responses.TryGetValue(callOutId, out var members))
        {
            return false;
        }
        members[availability.MemberId] = availability;
        return true;
    }

    public IReadOnlyList<Availability> Responders(Guid callOutId)
        => _responses.TryGetValue(callOutId, out var m)
            ? m.Values.OrderBy(a => a.EtaMinutes).ToList()
            : Array.Empty<Availability>();

    public bool StandDown(Guid callOutId)
    {
        _responses.TryRemove(callOutId, out _);
        return _open.TryRemove(callOutId, out _);
    }
}

/// <summary>
/// Real-time channel between the rescue coordinator and team members' phones.
/// </summary>
public sealed class CallOutHub : Hub
{
    private readonly CallOutBoard _board;
    private int _messagesThisInvocation;

    public CallOutHub(CallOutBoard board) => _board = board;

    public async Task RaiseCallOut(string location, string casualty)
    {
        var callOut = _board.Raise(location, casualty);
        _messagesThisInvocation++;
        await Clients.Others.SendAsync("callOutRaised", callOut).ConfigureAwait(false);
    }

    public async Task<bool> Respond(Guid callOutId, string name, int etaMinutes)
    {
        var availability = new Availability(Context.ConnectionId, name, etaMinutes);
        if (!_board.Respond(callOutId, availability))
        {
            return false;
        }
        _messagesThisInvocation++;
        await Clients.All.SendAsync("responderUpdate", callOutId, _board.Responders(callOutId)).ConfigureAwait(false);
        return true;
    }

    public async Task StandDown(Guid callOutId)
    {
        if (_board.StandDown(callOutId))
        {
            _messagesThisInvocation++;
            await Clients.All.SendAsync("standDown", callOutId).ConfigureAwait(false);
        }
    }
}
