using System.Threading.Channels;

namespace Newsroom.ResultsFeed;

public sealed record DeclarationMessage(string Agency, string ConstituencyId, IReadOnlyDictionary<string, int> Votes, DateTime ReceivedUtc);

public sealed record SeatPicture(IReadOnlyDictionary<string, string> WinnerByConstituency, IReadOnlyDictionary<string, int> SeatsByParty, int Declared);

/// <summary>
/// Applies declarations arriving from the agency wire feeds. Feeds post messages from
/// their own threads; a single consumer applies them in order and publishes a fresh
/// seat picture for the graphics desk after each one.
/// </summary>
public sealed class SeatProjector
{
    private readonly Channel<DeclarationMessage> _inbox =
        Channel.CreateUnbounded<DeclarationMessage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, string> _winners = new(StringComparer.Ordinal);
    private SeatPicture _picture = new(new Dictionary<string, string>(), new Dictionary<string, int>(), 0);

    public SeatPicture Current => Volatile.Read(ref _picture);

    public bool Post(DeclarationMessage message) => _inbox.Writer.TryWrite(message);

    public void Complete() => _inbox.Writer.TryComplete();

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(ct))
        {
            if (message.Votes.Count == 0)
            {
                continue;
            }

            var winner = message.Votes.MaxBy(kv => kv.Value).Key;
            _winners[message.ConstituencyId] = winner;

            var seats = _winners.Values
                .GroupBy(p => p, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

            var picture = new SeatPicture(new Dictionary<string, string>(_winners), seats, _winners.Count);
            Volatile.Write(ref _picture, picture);
        }
    }
}

/// <summary>
/// Reads one agency's wire and posts declarations to the projector.
/// </summary>
public sealed class AgencyWireListener
{
    private readonly string _agency;
    private readonly SeatProjector _projector;

    public AgencyWireListener(string agency, SeatProjector projector)
    {
        _agency = agency;
        _projector = projector;
    }

    public Task ListenAsync(IAsyncEnumerable<(string ConstituencyId, Dictionary<string, int> Votes)> wire, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var (constituencyId, votes) in wire.WithCancellation(ct))
            {
                _projector.Post(new DeclarationMessage(_agency, constituencyId, votes, DateTime.UtcNow));
            }
        }, ct);
}
