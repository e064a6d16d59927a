namespace Blind35.Marionettes.Backstage;

public sealed record CheckoutResult(bool Granted, string? CurrentHolder);

/// <summary>
/// Tracks which puppeteer is holding which marionette backstage. One instance per theatre,
/// shared by all rehearsal hub connections (each connection is a puppeteer's tablet).
/// </summary>
public sealed class StringsRoom
{
    private readonly object _checkoutLock = new();
    private readonly object _returnLock = new();
    private readonly Dictionary<string, string> _heldBy = new(StringComparer.Ordinal);

    public CheckoutResult CheckOut(string marionette, string puppeteer)
    {
        lock (_checkoutLock)
        {
            if (_heldBy.TryGetValue(marionette, out var holder))
            {
                return new CheckoutResult(holder == puppeteer, holder);
            }

            _heldBy[marionette] = puppeteer;
            return new CheckoutResult(true, puppeteer);
        }
    }

    public bool Return(string marionette, string puppeteer)
    {
        lock (_returnLock)
        {
            if (_heldBy.TryGetValue(marionette, out var holder) && holder == puppeteer)
            {
                _heldBy.Remove(marionette);
                return true;
            }

            return false;
        }
    }

    public IReadOnlyDictionary<string, string> Snapshot()
    {
        lock (_checkoutLock)
        {
            return new Dictionary<string, string>(_heldBy);
        }
    }
}

public interface IRehearsalClients
{
    Task BroadcastAsync(string message, object payload);
}

/// <summary>Hub-style entry point; one instance per call, as with SignalR hubs.</summary>
public sealed class RehearsalHub
{
    private readonly StringsRoom _room;
    private readonly IRehearsalClients _clients;

    public RehearsalHub(StringsRoom room, IRehearsalClients clients)
    {
        _room = room;
        _clients = clients;
    }

    public string PuppeteerName { get; init; } = "";

    public async Task<bool> TakeMarionette(string marionette)
    {
        var result = _room.CheckOut(marionette, PuppeteerName);
        if (result.Granted)
        {
            await _clients.BroadcastAsync("marionetteTaken", new { marionette, by = PuppeteerName });
        }

        return result.Granted;
    }

    public async Task HangUpMarionette(string marionette)
    {
        if (_room.Return(marionette, PuppeteerName))
        {
            await _clients.BroadcastAsync("marionetteReturned", new { marionette });
        }
    }
}
