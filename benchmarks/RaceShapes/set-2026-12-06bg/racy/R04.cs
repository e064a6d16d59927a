using System.Threading.Channels;

namespace Blind59.CheeseCaves.Ripening;

public abstract record CaveMessage;
public sealed record WheelPlaced(string WheelId, string Variety, int Shelf) : CaveMessage;
public sealed record WheelTurned(string WheelId, DateTime TurnedAt) : CaveMessage;
public sealed record WheelRemoved(string WheelId) : CaveMessage;

public sealed class WheelRecord
{
    public required string WheelId { get; init; }
    public required string Variety { get; init; }
    public int Shelf { get; set; }
    public DateTime PlacedAt { get; init; }
    public DateTime? LastTurned { get; set; }
}

/// <summary>
/// Actor that owns the inventory of one ripening cave. Messages are processed one at a
/// time by the mailbox loop; the affinage staff's tablets post messages through <see cref="Tell"/>.
/// </summary>
public sealed class CaveActor : IAsyncDisposable
{
    private readonly Channel<CaveMessage> _mailbox = Channel.CreateUnbounded<CaveMessage>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, WheelRecord> _wheels = new();
    private readonly Task _loop;

    public CaveActor(string caveName)
    {
        CaveName = caveName;
        _loop = Task.Run(ProcessAsync);
    }

    public string CaveName { get; }

    public void Tell(CaveMessage message)
    {
        if (!_mailbox.Writer.TryWrite(message))
        {
            throw new InvalidOperationException($"Cave {CaveName} is shutting down.");
        }
    }

    /// <summary>
    /// Wheels that have not been turned within the given interval, for the morning rota screen.
    /// </summary>
    public IReadOnlyList<string> WheelsDueForTurning(TimeSpan interval)
    {
        var cutoff = DateTime.UtcNow - interval;
        var due = new List<string>();
        foreach (var wheel in _wheels.Values)
        {
            var last = wheel.LastTurned ?? wheel.PlacedAt;
            if (last < cutoff)
            {
                due.Add(wheel.WheelId);
            }
        }
        return due;
    }

    private async Task ProcessAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync())
        {
            switch (message)
            {
                case WheelPlaced placed:
                    _wheels[placed.WheelId] = new WheelRecord
                    {
                        WheelId = placed.WheelId,
                        Variety = placed.Variety,
                        Shelf = placed.Shelf,
                        PlacedAt = DateTime.UtcNow,
                    };
                    break;

                case WheelTurned turned when _wheels.TryGetValue(turned.WheelId, out var record):
                    record.LastTurned = turned.TurnedAt;
                    break;

                case WheelRemoved removed:
                    _wheels.Remove(removed.WheelId);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

/// <summary>
/// Minimal-API style handlers used by the cave tablets.
/// </summary>
public static class CaveEndpoints
{
    public static void Place(CaveActor cave, string wheelId, string variety, int shelf) =>
        cave.Tell(new WheelPlaced(wheelId, variety, shelf));

    public static void Turn(CaveActor cave, string wheelId) =>
        cave.Tell(new WheelTurned(wheelId, DateTime.UtcNow));

    public static IReadOnlyList<string> Rota(CaveActor cave) =>
        cave.WheelsDueForTurning(TimeSpan.FromDays(2));
}
