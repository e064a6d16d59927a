namespace Blind51.KiteFestivals.Marshals;

/// <summary>
/// A connected handset carried by a flying-field marshal.
/// </summary>
public interface IMarshalHandset
{
    string CallSign { get; }
    Task SendAsync(string message, CancellationToken cancellationToken);
}

/// <summary>
/// The field-wide marshal channel at a kite festival. Handsets join and leave as marshals
/// come on and off shift, while wind alerts and arena notices are broadcast to everyone
/// currently on the channel. The hub connection handler calls Join and Leave; the wind
/// monitor and the arena desk call Broadcast from their own background loops.
/// </summary>
public sealed class MarshalChannel
{
    private readonly List<IMarshalHandset> _members = new();
    private readonly object _membersLock = new();

    public event Action<string, int>? MembershipChanged;

    public void Join(IMarshalHandset handset)
    {
        int count;
        lock (_membersLock)
        {
            if (_members.Exists(m => m.CallSign == handset.CallSign)) return;
            _members.Add(handset);
            count = _members.Count;
        }
        MembershipChanged?.Invoke(handset.CallSign, count);
    }

    public void Leave(IMarshalHandset handset)
    {
        int count;
        lock (_membersLock)
        {
            if (!_members.Remove(handset)) return;
            count = _members.Count;
        }
        MembershipChanged?.Invoke(handset.CallSign, count);
    }

    /// <summary>
    /// Sends the message to every handset on the channel. Handsets that fail are dropped.
    /// </summary>
    public async Task<int> BroadcastAsync(string message, CancellationToken cancellationToken)
    {
        IMarshalHandset[] recipients = _members.ToArray();

        var sends = recipients.Select(async handset =>
        {
            try
            {
                await handset.SendAsync(message, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (IOException)
            {
                Leave(handset);
                return false;
            }
        });

        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        return results.Count(ok => ok);
    }
}

/// <summary>
/// Polls the anemometer and warns marshals when gusts exceed the safe limit for large kites.
/// </summary>
public sealed class GustWarningLoop
{
    private readonly MarshalChannel _channel;
    private readonly Func<double> _readGustKnots;

    public GustWarningLoop(MarshalChannel channel, Func<double> readGustKnots)
    {
        _channel = channel;
        _readGustKnots = readGustKnots;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var gust = _readGustKnots();
            if (gust > 28)
                await _channel.BroadcastAsync($"Gusts {gust:F0} kn: ground all display kites", cancellationToken).ConfigureAwait(false);
        }
    }
}
