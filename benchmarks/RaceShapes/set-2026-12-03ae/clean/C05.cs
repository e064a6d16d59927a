using System.Collections.Immutable;

namespace Blind31.FerryLighthouseRadios.Routing;

public sealed record RadioChannel(int Number, double FrequencyMHz, string Purpose);

/// <summary>
/// Maps vessel call signs to the VHF working channel they have been assigned by the
/// lighthouse radio operator. Looked up for every incoming call; changed by the operator.
/// Registered as a singleton.
/// </summary>
public sealed class WorkingChannelTable
{
    private ImmutableDictionary<string, RadioChannel> _assignments =
        ImmutableDictionary.Create<string, RadioChannel>(StringComparer.OrdinalIgnoreCase);

    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public RadioChannel? Lookup(string callSign)
    {
        var table = Volatile.Read(ref _assignments);
        return table.TryGetValue(callSign, out var channel) ? channel : null;
    }

    public IReadOnlyDictionary<string, RadioChannel> Snapshot() => Volatile.Read(ref _assignments);

    public void Assign(string callSign, RadioChannel channel)
    {
        ImmutableInterlocked.AddOrUpdate(ref _assignments, callSign, channel, (_, _) => channel);
        Interlocked.Increment(ref _version);
    }

    public bool Release(string callSign)
    {
        bool removed = ImmutableInterlocked.TryRemove(ref _assignments, callSign, out _);
        if (removed)
        {
            Interlocked.Increment(ref _version);
        }

        return removed;
    }

    public void ReleaseChannel(int channelNumber)
    {
        ImmutableInterlocked.Update(ref _assignments, table =>
        {
            var builder = table.ToBuilder();
            foreach (var pair in table)
            {
                if (pair.Value.Number == channelNumber)
                {
                    builder.Remove(pair.Key);
                }
            }

            return builder.ToImmutable();
        });
        Interlocked.Increment(ref _version);
    }
}

/// <summary>Answers incoming calls by telling the vessel which channel to switch to.</summary>
public sealed class IncomingCallHandler
{
    private static readonly RadioChannel Calling = new(16, 156.800, "Distress and calling");
    private readonly WorkingChannelTable _table;

    public IncomingCallHandler(WorkingChannelTable table)
    {
        _table = table;
    }

    public string Respond(string callSign)
    {
        var channel = _table.Lookup(callSign) ?? Calling;
        return channel == Calling
            ? $"{callSign}, stand by on channel 16"
            : $"{callSign}, switch to channel {channel.Number} for {channel.Purpose}";
    }
}
